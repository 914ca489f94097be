/**
 * A 6-digit administrative division code (行政区划代码, GB/T 2260): 2 digits province (11–82),
 * 2 city, 2 county/district. Districts scope inspectors and enterprises.
 */
export function isDistrictCode(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{6}$/.test(value)) return false;
  const province = Number(value.slice(0, 2));
  return province >= 11 && province <= 82;
}
