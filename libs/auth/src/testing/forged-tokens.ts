import { GATEWAY_ISSUER, SERVICES_AUDIENCE } from '../principal';
import { type TestIssuer } from './test-issuer';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * `Authorization` values verification must refuse, each for a city operator's claims that would be
 * admitted if the token were genuine: unsigned, signed by a key nobody trusts, expired, for
 * another audience.
 */
export async function forgedBearers(issuer: TestIssuer): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: GATEWAY_ISSUER,
    aud: SERVICES_AUDIENCE,
    sub: 'mallory',
    name: 'mallory',
    role: 'city-operator',
    ent: '*',
    iat: now,
    exp: now + 120,
  };
  return {
    'alg none': `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
    'an untrusted key': `Bearer ${await issuer.forge(claims, { key: 'untrusted' })}`,
    expired: `Bearer ${await issuer.forge({ ...claims, iat: now - 200, exp: now - 60 })}`,
    'a wrong audience': `Bearer ${await issuer.forge({ ...claims, aud: 'ecogate-gateway' })}`,
  };
}
