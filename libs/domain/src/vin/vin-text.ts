/** VIN characters (ISO 3779 / GB 16735): digits and capitals except I, O and Q. */
export const VIN_CHAR = /^[A-HJ-NPR-Z0-9]$/;

export const VIN_LENGTH = 17;

/**
 * Folds a typed or recognised VIN: full-width to ASCII, upper case, no spaces, hyphens or dots.
 * Idempotent; never throws. No character is changed into another (a VIN is copied into the ledger
 * and the platform, so a guess there is worse than a rejection).
 */
export function normaliseVinText(raw: string): string {
  if (typeof raw !== 'string') return '';
  let out = '';
  for (const char of raw) {
    for (const c of char.normalize('NFKC')) {
      if (/[\s\p{Cc}\p{Cf}\p{M}.·\-_]/u.test(c)) continue;
      out += /^[a-z]$/.test(c) ? c.toUpperCase() : c;
    }
  }
  return out;
}
