/**
 * Model year from the 10th VIN character (ISO 3779 / GB 16735): letters and digits repeat every
 * 30 years (I, O, Q, U, Z and 0 are not used), so each code names several years.
 */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const FIRST_CYCLE_START = 1980;
const CYCLE = 30;
// Two cycles: 1980–2009 and 2010–2039; extend when vehicles of 2040 arrive.
const CYCLES = 2;

/** Candidate model years for a code, oldest first: `L` → [1990, 2020]; an unusable code → []. */
export function modelYearCandidates(code: string): readonly number[] {
  const index = typeof code === 'string' && code.length === 1 ? YEAR_CODES.indexOf(code.toUpperCase()) : -1;
  if (index < 0) return [];
  return Array.from({ length: CYCLES }, (_, cycle) => FIRST_CYCLE_START + index + cycle * CYCLE);
}

/**
 * The candidate closest to, but not after, the reference year (for example the registration year,
 * or this year + 1, since a model year may run ahead of the calendar). Undefined when all are later.
 */
export function pickModelYear(candidates: readonly number[], referenceYear: number): number | undefined {
  let best: number | undefined;
  for (const year of candidates) {
    if (year <= referenceYear && (best === undefined || year > best)) best = year;
  }
  return best;
}
