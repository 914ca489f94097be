import { type DomainError, err, ok, type Result } from '../shared/result';
import { vinCheckDigitVerdict, type VinCheckDigitVerdict } from './check-digit';
import { modelYearCandidates } from './model-year';
import { normaliseVinText, VIN_CHAR, VIN_LENGTH } from './vin-text';

export interface Vin {
  readonly text: string;
  /** World manufacturer identifier: characters 1–3. */
  readonly wmi: string;
  /** Vehicle descriptor section: characters 4–9 (9 is the check character). */
  readonly vds: string;
  /** Vehicle indicator section: characters 10–17. */
  readonly vis: string;
  /** A warning, not a rejection (domain.md §2). */
  readonly checkDigit: VinCheckDigitVerdict;
  readonly modelYearCode: string;
  /** Oldest first; empty when the 10th character is not a year code (e.g. U, Z, 0). */
  readonly modelYearCandidates: readonly number[];
}

export type VinErrorCode = 'empty' | 'bad-length' | 'bad-character';

export type VinError = DomainError<VinErrorCode>;

const MAX_RAW_LENGTH = 256;
// Where a rejected character is probably a misread digit: say so, but do not change it.
const LOOKALIKE: Readonly<Record<string, string>> = { I: '1', O: '0', Q: '0' };

/** Parses any string into a VIN: 17 characters from [A-HJ-NPR-Z0-9]. Never throws. */
export function parseVin(raw: string): Result<Vin, VinError> {
  if (typeof raw !== 'string' || raw.length === 0) return err({ code: 'empty', reason: 'no VIN' });
  if (raw.length > MAX_RAW_LENGTH)
    return err({ code: 'bad-length', reason: `${raw.length} characters is not a VIN` });
  const text = normaliseVinText(raw);
  const chars = Array.from(text);
  if (chars.length === 0) return err({ code: 'empty', reason: 'no VIN after removing separators' });
  const strange = chars.findIndex((c) => !VIN_CHAR.test(c));
  if (strange >= 0) {
    const char = chars[strange] ?? '';
    const hint =
      LOOKALIKE[char] === undefined ? '' : ` (VINs never use ${char}; a misread ${LOOKALIKE[char]}?)`;
    return err({
      code: 'bad-character',
      reason: `'${char}' at position ${strange + 1} is not a VIN character${hint}`,
    });
  }
  if (chars.length !== VIN_LENGTH) {
    return err({ code: 'bad-length', reason: `${chars.length} characters; a VIN has ${VIN_LENGTH}` });
  }
  const modelYearCode = chars[9] ?? '';
  return ok({
    text,
    wmi: text.slice(0, 3),
    vds: text.slice(3, 9),
    vis: text.slice(9),
    checkDigit: vinCheckDigitVerdict(text),
    modelYearCode,
    modelYearCandidates: modelYearCandidates(modelYearCode),
  });
}
