import { EMISSION_STAGES, type EmissionStage, isEmissionStage } from '@ecogate/domain';
import { type paths } from '../api/generated/schema';
import { PAGE_SIZES } from '../shared/keyset';
import { daysBefore, startOfLocalDay } from '../shared/time';

export type PassagesQuery = NonNullable<
  paths['/api/ledger/v1/enterprises/{enterpriseId}/passages']['get']['parameters']['query']
>;

/** Every filter of the ledger page, as its URL names it (a shared link opens the same view). */
export const PASSAGE_URL_KEYS = [
  'from',
  'to',
  'plate',
  'gate',
  'direction',
  'stage',
  'verdict',
  'completeness',
  'manual',
  'cursor',
  'size',
] as const;
export type PassageUrlKey = (typeof PASSAGE_URL_KEYS)[number];
export type PassageUrlState = Readonly<Partial<Record<PassageUrlKey, string>>>;

export const DIRECTIONS = ['in', 'out'] as const;
export const VERDICTS = ['allow', 'deny', 'needs-review'] as const;
export const COMPLETENESS = ['complete', 'incomplete'] as const;
export const MANUAL = ['yes', 'no'] as const;

/** The filters a person can set, each checked: a hand-edited URL with a bad value is ignored, not sent. */
export interface PassageFilters {
  /** Local days (Asia/Shanghai), `to` inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly plate?: string;
  readonly gate?: string;
  readonly direction?: (typeof DIRECTIONS)[number];
  readonly stage?: EmissionStage;
  readonly verdict?: (typeof VERDICTS)[number];
  readonly completeness?: (typeof COMPLETENESS)[number];
  readonly manual?: (typeof MANUAL)[number];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GATE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((v) => v === value);

export function readPassageFilters(url: PassageUrlState): PassageFilters {
  const plate = url.plate?.trim().toUpperCase();
  const from = url.from && DAY.test(url.from) ? url.from : undefined;
  const to = url.to && DAY.test(url.to) && (!from || url.to >= from) ? url.to : undefined;
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(plate && plate.length <= 16 ? { plate } : {}),
    ...(url.gate && GATE.test(url.gate) ? { gate: url.gate } : {}),
    ...(oneOf(DIRECTIONS, url.direction) ? { direction: oneOf(DIRECTIONS, url.direction) } : {}),
    ...(url.stage && isEmissionStage(url.stage) ? { stage: url.stage } : {}),
    ...(oneOf(VERDICTS, url.verdict) ? { verdict: oneOf(VERDICTS, url.verdict) } : {}),
    ...(oneOf(COMPLETENESS, url.completeness) ? { completeness: oneOf(COMPLETENESS, url.completeness) } : {}),
    ...(oneOf(MANUAL, url.manual) ? { manual: oneOf(MANUAL, url.manual) } : {}),
  };
}

/** The page size from the URL, one of `PAGE_SIZES` (50 when absent or odd). */
export const pageSizeOf = (url: PassageUrlState): number =>
  PAGE_SIZES.find((size) => String(size) === url.size) ?? 50;

/** What the URL holds for these filters: every key present, empty ones removing their parameter. */
export function passageFiltersToUrl(filters: PassageFilters): Record<PassageUrlKey, string | undefined> {
  return {
    from: filters.from,
    to: filters.to,
    plate: filters.plate,
    gate: filters.gate,
    direction: filters.direction,
    stage: filters.stage,
    verdict: filters.verdict,
    completeness: filters.completeness,
    manual: filters.manual,
    // Another search starts from its first page.
    cursor: undefined,
    size: undefined,
  };
}

/** The trail of pages belongs to one search: any filter (or the page size) starts a new one. */
export const searchScope = (filters: PassageFilters, size: number): string =>
  JSON.stringify({ ...filters, size });

/** The service's query for the filters, the page's cursor and size. */
export function toPassagesQuery(
  filters: PassageFilters,
  cursor: string | undefined,
  size: number,
): PassagesQuery {
  return {
    ...(filters.from ? { from: startOfLocalDay(filters.from) } : {}),
    // `to` is exclusive at the service: the day after the last day shown (no DST in Shanghai).
    ...(filters.to ? { to: startOfLocalDay(daysBefore(filters.to, -1)) } : {}),
    ...(filters.plate ? { plate: filters.plate } : {}),
    ...(filters.gate ? { gateId: filters.gate } : {}),
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.direction ? { direction: filters.direction } : {}),
    ...(filters.verdict ? { verdict: filters.verdict } : {}),
    ...(filters.manual ? { manual: filters.manual === 'yes' ? ('true' as const) : ('false' as const) } : {}),
    ...(filters.completeness === 'complete' ? { minCompleteness: 1 } : {}),
    ...(filters.completeness === 'incomplete' ? { maxCompleteness: 0.999 } : {}),
    ...(cursor ? { cursor } : {}),
    limit: size,
  };
}

export const STAGE_OPTIONS: readonly EmissionStage[] = EMISSION_STAGES;
