export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * The one text a row's content is hashed as, so anyone can recompute it: object keys sorted by
 * UTF-16 code units (JavaScript's default sort), no whitespace, `undefined` members left out,
 * Dates as ISO-8601 UTC with milliseconds, numbers in ECMAScript's shortest round-trip form
 * (`-0` written `0`); NaN, ±Infinity, bigints and functions are refused rather than silently
 * written `null` or dropped.
 */
export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CanonicalJsonError(path, 'invalid date');
    return JSON.stringify(value.toISOString());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `not a finite number (${value})`);
    return Object.is(value, -0) ? '0' : JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown, index) => canonicalJson(item, `${path}[${index}]`)).join(',')}]`;
  }
  if (typeof value !== 'object') throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  const object = value as { readonly [key: string]: unknown };
  const members = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key], `${path}.${key}`)}`);
  return `{${members.join(',')}}`;
}
