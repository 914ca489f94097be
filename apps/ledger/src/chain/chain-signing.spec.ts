import { generateKeyPairSync } from 'node:crypto';
import { ChainKeyError, chainSignerFromPem } from './chain-signing';

const pem = (type: 'ed25519' | 'ec') =>
  (type === 'ed25519'
    ? generateKeyPairSync('ed25519')
    : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  ).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;

describe('chainSignerFromPem', () => {
  it('signs with Ed25519 and verifies only the very message and key', () => {
    const signer = chainSignerFromPem(pem('ed25519'), 'cluster-1');
    const signature = signer.sign('root');
    expect(signer.keyId).toBe('cluster-1');
    expect(signer.verify('root', signature)).toBe(true);
    expect(signer.verify('root!', signature)).toBe(false);
    expect(signer.verify('root', 'not base64 at all')).toBe(false);
    expect(chainSignerFromPem(pem('ed25519'), 'other').verify('root', signature)).toBe(false);
  });

  it('refuses a key that is not Ed25519, or not a key', () => {
    expect(() => chainSignerFromPem(pem('ec'), 'k')).toThrow(ChainKeyError);
    expect(() => chainSignerFromPem('hello', 'k')).toThrow('not a PEM private key');
  });
});
