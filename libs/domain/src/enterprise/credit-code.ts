import { err, ok, type DomainError, type Result } from '../shared/result';

/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, Z, S, V). Positions: 1 registration authority,
 * 2 organisation type, 3–8 administrative division of registration, 9–17 organisation code
 * (GB 11714), 18 check character over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeErrorCode = 'credit-code-length' | 'credit-code-character' | 'credit-code-check-digit';
export type CreditCodeError = DomainError<CreditCodeErrorCode>;

/** A validated code (upper case, no spaces). */
export type CreditCode = string & { readonly __brand: 'CreditCode' };

/** The check character (position 18) of the first 17 characters; undefined when one is outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Validates a code as typed by a person: surrounding spaces trimmed, lower case accepted. */
export function parseCreditCode(input: string): Result<CreditCode, CreditCodeError> {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return err({
      code: 'credit-code-length',
      reason: `a unified social credit code has 18 characters, not ${code.length}`,
    });
  }
  const bad = [...code].findIndex((ch) => !CREDIT_CODE_ALPHABET.includes(ch));
  if (bad >= 0) {
    return err({
      code: 'credit-code-character',
      reason: `character ${bad + 1} ("${code.charAt(bad)}") is not allowed in a unified social credit code (I, O, Z, S and V never appear)`,
    });
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return err({
      code: 'credit-code-character',
      reason: 'characters 3–8 of a unified social credit code are the administrative division code (digits)',
    });
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (expected !== code.charAt(17)) {
    return err({
      code: 'credit-code-check-digit',
      reason: `the check character of this unified social credit code should be ${expected}, not ${code.charAt(17)}: a character was mistyped`,
    });
  }
  return ok(code as CreditCode);
}
