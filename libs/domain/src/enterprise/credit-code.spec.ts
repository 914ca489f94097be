import { creditCodeCheckCharacter, parseCreditCode } from './credit-code';
import { isDistrictCode } from './district-code';

describe('unified social credit code (GB 32100-2015)', () => {
  // Codes as printed on business licences (public registration data).
  it.each([
    '91350100M000100Y43', // the standard's own example format (Fuzhou)
    '91440300708461136T', // Shenzhen
    '91110108551385082Q', // Beijing Haidian
    '91310000MA1FL1MMXL', // Shanghai, letters in the organisation code
    '91110000802100433B',
  ])('accepts %s', (code) => {
    expect(parseCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('accepts lower case and surrounding spaces, returning the canonical form', () => {
    expect(parseCreditCode(' 91440300708461136t ')).toEqual({ ok: true, value: '91440300708461136T' });
  });

  it.each([
    ['91440300708461136A', 'T'],
    ['91350100M000100Y44', '3'],
    ['91110108551385082R', 'Q'],
  ])('refuses %s: the check character should be %s', (code, expected) => {
    const result = parseCreditCode(code);
    expect(result).toEqual({
      ok: false,
      error: { code: 'credit-code-check-digit', reason: expect.stringContaining(`should be ${expected}`) },
    });
  });

  it('refuses a swap of two characters (what the check character is for)', () => {
    expect(parseCreditCode('91440300704861136T').ok).toBe(false);
  });

  it.each([
    ['', 'credit-code-length'],
    ['9144030070846113', 'credit-code-length'],
    ['91440300708461136TX', 'credit-code-length'],
    ['91440300708461136O', 'credit-code-character'],
    ['9144030070846113IT', 'credit-code-character'],
    ['91A40300708461136T', 'credit-code-character'],
  ])('refuses %p with %s', (code, errorCode) => {
    const result = parseCreditCode(code);
    expect(result.ok ? 'ok' : result.error.code).toBe(errorCode);
  });

  it('computes the check character, 31 mapping to 0', () => {
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
    expect(creditCodeCheckCharacter('9144030070846113I')).toBeUndefined();
  });
});

describe('administrative division code', () => {
  it.each([
    ['130102', true], // 石家庄 长安区
    ['110108', true],
    ['820000', true],
    ['000000', false],
    ['990101', false],
    ['13010', false],
    ['13010a', false],
    [130102, false],
  ])('%p → %s', (value, expected) => {
    expect(isDistrictCode(value)).toBe(expected);
  });
});
