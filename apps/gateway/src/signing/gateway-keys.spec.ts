import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_ISSUER, SERVICES_AUDIENCE, TokenSigner } from '@ecogate/auth';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { loadGatewayKeys } from './gateway-keys';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('loadGatewayKeys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-keys-'));
  const current = keyPair();
  const previous = keyPair();
  writeFileSync(join(dir, 'current.pem'), current.privatePem);
  writeFileSync(join(dir, 'previous.pub.pem'), previous.publicPem);

  it('publishes the current key and, during a rotation, the previous one', async () => {
    const keys = await loadGatewayKeys({
      keyFile: join(dir, 'current.pem'),
      kid: 'gw-2',
      accessTokenSeconds: 120,
      previous: { publicKeyFile: join(dir, 'previous.pub.pem'), kid: 'gw-1' },
    });
    expect(keys.jwks.keys.map((key) => key.kid)).toEqual(['gw-2', 'gw-1']);
    expect(keys.jwks.keys.every((key) => key.d === undefined)).toBe(true);

    // A token the previous key signed before the switch still verifies; so do new ones.
    const old = await TokenSigner.fromPem(previous.privatePem, { kid: 'gw-1', issuer: GATEWAY_ISSUER });
    const principal = {
      subject: 'u-1',
      name: 'u',
      role: 'city-admin' as const,
      enterprises: '*' as const,
      districts: [],
      scopes: [],
    };
    const jwks = createLocalJWKSet(keys.jwks);
    for (const signer of [old, keys.signer]) {
      const { token } = await signer.sign(principal);
      await expect(
        jwtVerify(token, jwks, { issuer: GATEWAY_ISSUER, audience: SERVICES_AUDIENCE }),
      ).resolves.toBeDefined();
    }
    const { payload } = await jwtVerify((await keys.signer.sign(principal)).token, jwks);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(120);
  });
});
