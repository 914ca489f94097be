import { GATEWAY_ISSUER, SERVICES_AUDIENCE } from '../principal';
import { type TestIssuer } from './test-issuer';

/**
 * `Authorization` values every service must refuse with 401, each for one reason only: the claims
 * are a valid city-admin's (the most a token can carry), so nothing but the forgery is wrong.
 */
export async function forgedBearers(issuer: TestIssuer): Promise<Readonly<Record<string, string>>> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: GATEWAY_ISSUER,
    aud: SERVICES_AUDIENCE,
    sub: 'mallory',
    name: 'mallory',
    role: 'city-admin',
    ent: '*',
    iat: now,
    exp: now + 120,
  };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    'alg none': `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    'an untrusted key': `Bearer ${await issuer.forge(claims, { key: 'untrusted' })}`,
    expired: `Bearer ${await issuer.forge({ ...claims, iat: now - 360, exp: now - 60 })}`,
    'another audience': `Bearer ${await issuer.forge({ ...claims, aud: 'someone-else' })}`,
  };
}
