/** What to answer a GET of a `size`-byte body, given its `Range` (and `If-Range`) header. */
export type RangeAnswer =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const FULL: RangeAnswer = { kind: 'full' };
const SINGLE_RANGE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * One byte range, as RFC 9110 §14 has it: `bytes=a-b`, `bytes=a-` or `bytes=-n` (the last n bytes).
 * What this does not serve is ignored, which the RFC allows: another unit, several ranges (players
 * ask for one), a syntax error, or an `If-Range` that is not the current ETag (the body changed:
 * the whole new one is sent). A range that starts past the end is unsatisfiable (416).
 */
export function byteRange(
  header: string | undefined,
  size: number,
  condition: { readonly ifRange?: string | undefined; readonly etag: string },
): RangeAnswer {
  if (header === undefined) return FULL;
  if (condition.ifRange !== undefined && condition.ifRange.trim() !== condition.etag) return FULL;
  const match = SINGLE_RANGE.exec(header);
  if (!match) return FULL;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return FULL;
  if (first === '') {
    // A suffix: the last n bytes (all of them when n exceeds the size).
    const length = Number(last);
    if (!Number.isSafeInteger(length)) return FULL;
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return FULL;
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
