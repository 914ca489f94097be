import { acceptedTotpStep, newTotp, totpCode } from './totp';

describe('TOTP', () => {
  const { secret, uri } = newTotp('wang.li');

  it('gives an otpauth:// URI for the QR code', () => {
    expect(uri).toMatch(/^otpauth:\/\/totp\/Ecogate:wang\.li\?/);
    expect(uri).toContain(`secret=${secret}`);
  });

  it('accepts the current code once, and the next step after it', () => {
    const step = acceptedTotpStep('wang.li', secret, totpCode('wang.li', secret), null);
    expect(step).toEqual(expect.any(Number));
    expect(acceptedTotpStep('wang.li', secret, totpCode('wang.li', secret), step ?? null)).toBeUndefined();
    expect(acceptedTotpStep('wang.li', secret, totpCode('wang.li', secret, 1), step ?? null)).toBe(
      (step ?? 0) + 1,
    );
  });

  it('refuses codes far outside the drift window and malformed codes', () => {
    expect(acceptedTotpStep('wang.li', secret, totpCode('wang.li', secret, 3), null)).toBeUndefined();
    expect(acceptedTotpStep('wang.li', secret, '12345', null)).toBeUndefined();
  });
});
