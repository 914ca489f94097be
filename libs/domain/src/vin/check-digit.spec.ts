import fc from 'fast-check';
import { computeVinCheckDigit, vinCheckDigitVerdict } from './check-digit';

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split('');
const vinWith = (ninth: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...VIN_CHARS), minLength: 8, maxLength: 8 }),
      ninth,
      fc.string({ unit: fc.constantFrom(...VIN_CHARS), minLength: 8, maxLength: 8 }),
    )
    .map(([head, check, tail]) => head + check + tail);

describe('VIN check digit (ISO 3779 / GB 16735, weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, mod 11)', () => {
  it.each([
    ['1M8GDM9AXKP042788', 'X'],
    ['1HGCM82633A004352', '3'],
    ['11111111111111111', '1'],
    ['LSVAG2180E2100001', '6'],
  ])('computes %s → %s', (vin, digit) => {
    expect(computeVinCheckDigit(vin)).toBe(digit);
  });

  it.each([
    ['1M8GDM9AXKP042788', 'valid'],
    ['1HGCM82633A004352', 'valid'],
    ['1HGCM82643A004352', 'invalid'],
    ['LSVAG2180E2100001', 'invalid'],
    // Position 9 is a letter (European makers use it freely): no check digit to verify.
    ['WVWZZZ1JZ3W386752', 'not-applicable'],
    ['SHORT', 'not-applicable'],
    ['1HGCM82633A00435O', 'not-applicable'],
  ])('%s is %s', (vin, verdict) => {
    expect(vinCheckDigitVerdict(vin)).toBe(verdict);
  });

  it('finds every VIN valid once its computed digit is in place, and any other digit invalid', () => {
    fc.assert(
      fc.property(
        vinWith(fc.constantFrom('0')),
        fc.constantFrom(...'0123456789X'.split('')),
        (vin, other) => {
          const digit = computeVinCheckDigit(vin) ?? '';
          const withDigit = vin.slice(0, 8) + digit + vin.slice(9);
          expect(vinCheckDigitVerdict(withDigit)).toBe('valid');
          const withOther = vin.slice(0, 8) + other + vin.slice(9);
          expect(vinCheckDigitVerdict(withOther)).toBe(other === digit ? 'valid' : 'invalid');
        },
      ),
    );
  });

  it('does not depend on position 9 itself (weight 0)', () => {
    fc.assert(
      fc.property(vinWith(fc.constantFrom(...VIN_CHARS)), (vin) => {
        expect(computeVinCheckDigit(vin)).toBe(computeVinCheckDigit(vin.slice(0, 8) + '0' + vin.slice(9)));
      }),
    );
  });
});
