import { VIN_CHAR, VIN_LENGTH } from './vin-text';

/**
 * `valid`/`invalid`: position 9 holds a check character (0–9 or X) and it does/does not match.
 * `not-applicable`: position 9 is a letter other than X, or the text is not a well-formed VIN.
 * Chinese VINs need not all carry a correct check digit (domain.md §2), so `invalid` is a warning.
 */
export type VinCheckDigitVerdict = 'valid' | 'invalid' | 'not-applicable';

// ISO 3779 / GB 16735 transliteration of letters (I, O, Q never occur) and position weights.
// prettier-ignore
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const CHECK_POSITION = 8;

const valueOf = (char: string): number | undefined =>
  /^[0-9]$/.test(char)
    ? Number(char)
    : Object.prototype.hasOwnProperty.call(LETTER_VALUES, char)
      ? LETTER_VALUES[char]
      : undefined;

const isWellFormed = (chars: readonly string[]): boolean =>
  chars.length === VIN_LENGTH && chars.every((c) => VIN_CHAR.test(c));

/** The check character (0–9 or X) a well-formed 17-character VIN should carry at position 9. */
export function computeVinCheckDigit(vin: string): string | undefined {
  const chars = typeof vin === 'string' ? Array.from(vin) : [];
  if (!isWellFormed(chars)) return undefined;
  let sum = 0;
  for (const [index, char] of chars.entries()) sum += (valueOf(char) ?? 0) * (WEIGHTS[index] ?? 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

export function vinCheckDigitVerdict(vin: string): VinCheckDigitVerdict {
  const expected = computeVinCheckDigit(vin);
  const actual = typeof vin === 'string' ? vin.charAt(CHECK_POSITION) : '';
  if (expected === undefined || !/^[0-9X]$/.test(actual)) return 'not-applicable';
  return actual === expected ? 'valid' : 'invalid';
}
