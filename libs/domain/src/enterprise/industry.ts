/**
 * Key industries (重点行业) named in domain.md §1; the classification has about 40, and the rest
 * map to `other` until a threshold or rule needs them by name.
 */
export const INDUSTRIES = [
  'steel',
  'coking',
  'cement',
  'non-ferrous-smelting',
  'glass',
  'ceramics',
  'refining',
  'chemicals',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

const industries: ReadonlySet<string> = new Set(INDUSTRIES);

export const isIndustry = (value: unknown): value is Industry =>
  typeof value === 'string' && industries.has(value);
