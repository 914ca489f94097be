import { TransactionSealer } from './transaction-cookie';

const transaction = {
  state: 'state-1',
  nonce: 'nonce-1',
  codeVerifier: 'v'.repeat(43),
  returnTo: '/console',
  expiresAt: 2_000,
};

describe('transaction cookie', () => {
  const sealer = new TransactionSealer('k'.repeat(32));

  it('opens what it sealed, hiding the verifier', () => {
    const sealed = sealer.seal(transaction);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('vvvv');
    expect(sealer.open(sealed, 1_000)).toEqual(transaction);
  });

  it('refuses an expired, altered or foreign cookie', () => {
    const sealed = sealer.seal(transaction);
    expect(sealer.open(sealed, 2_001)).toBeUndefined();
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(sealer.open(raw.toString('base64url'), 1_000)).toBeUndefined();
    expect(new TransactionSealer('x'.repeat(32)).open(sealed, 1_000)).toBeUndefined();
    expect(sealer.open('short', 1_000)).toBeUndefined();
  });

  it('needs a long key', () => {
    expect(() => new TransactionSealer('short')).toThrow(/32/);
  });
});
