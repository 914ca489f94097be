/** ANPR camera protocols whose tokens we normalise (docs/interfaces.md §2–4). */
export const ANPR_VENDORS = ['hikvision', 'dahua', 'vzenith'] as const;

export type AnprVendor = (typeof ANPR_VENDORS)[number];

/** Vendor tokens arrive as names, decimal codes or hex codes (Hikvision `0xff`). */
export const tokenKey = (token: string): string =>
  token
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

export const numericToken = (token: string | number): number | undefined => {
  if (typeof token === 'number') return Number.isSafeInteger(token) ? token : undefined;
  const key = tokenKey(token);
  if (/^\d{1,6}$/.test(key)) return Number.parseInt(key, 10);
  if (/^0x[0-9a-f]{1,4}$/.test(key)) return Number.parseInt(key.slice(2), 16);
  return undefined;
};

/** Looks a key up without inheriting anything from Object.prototype (`constructor`, `__proto__`). */
export const lookup = <V>(
  table: Readonly<Record<string | number, V>>,
  key: string | number,
): V | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
