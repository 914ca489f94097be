import { EMISSION_STAGES, type StageBucket } from '@ecogate/domain';
import { type paths } from '../api/generated/schema';
import { daysBefore, localDate } from '../shared/time';
import { type ChartOption } from './EChart';

export const SUMMARY = '/api/ledger/v1/enterprises/{enterpriseId}/statistics/summary';
export const DAILY = '/api/ledger/v1/enterprises/{enterpriseId}/statistics/daily-stages';
export type Summary = paths[typeof SUMMARY]['get']['responses'][200]['content']['application/json'];
export type SummaryQuery = paths[typeof SUMMARY]['get']['parameters']['query'];
export type DailyStages = paths[typeof DAILY]['get']['responses'][200]['content']['application/json'];
export type Compliance = NonNullable<Summary['classCompliance']>;
export type CleanTransport = Summary['cleanTransport'][number];

/** Stage buckets in the order people read them: oldest first, electric, then unknown. */
export const BUCKETS: readonly StageBucket[] = [...EMISSION_STAGES, 'unknown'];

/** Colours that say the stage: old ones warm, 国五 teal, 国六 blue, electric green, unknown grey. */
export const STAGE_COLOURS: Readonly<Record<StageBucket, string>> = {
  none: '#7f1d1d',
  '0': '#991b1b',
  I: '#b91c1c',
  II: '#dc2626',
  III: '#ea580c',
  IV: '#f59e0b',
  V: '#0d9488',
  VI: '#2563eb',
  VIa: '#3b82f6',
  VIb: '#1d4ed8',
  electric: '#16a34a',
  unknown: '#9ca3af',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/**
 * The period the URL names, or the last 30 local days (Shanghai) ending today. A range the ledger
 * would refuse (reversed, over a year, not a date) falls back to the default rather than an error.
 */
export function periodFrom(
  from: string | undefined,
  to: string | undefined,
  today = localDate(),
): { from: string; to: string } {
  const fallback = { from: daysBefore(today, 29), to: today };
  if (!from || !to || !DAY.test(from) || !DAY.test(to) || from > to) return fallback;
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Number.isFinite(days) && days < MAX_DAYS ? { from, to } : fallback;
}

/** Every local date from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = daysBefore(day, -1)) days.push(day);
  return days;
}

export interface ShareRow {
  readonly bucket: StageBucket;
  /** Trips or tonnes. */
  readonly value: number;
  /** 0..1 */
  readonly share: number;
}

export type StageShares = Summary['stageShares'];

/** Non-zero stage buckets of the period, by trips or by cargo tonnes, in stage order. */
export function shareRows(shares: StageShares, basis: 'trips' | 'tonnes'): ShareRow[] {
  const part = shares[basis];
  const values = basis === 'trips' ? shares.trips.counts : shares.tonnes.amounts;
  return BUCKETS.filter((bucket) => values[bucket] > 0).map((bucket) => ({
    bucket,
    value: values[bucket],
    share: part.shares[bucket],
  }));
}

/** A donut of the shares; the legend and the table say the same. */
export function sharesOption(
  rows: readonly ShareRow[],
  name: string,
  label: (b: StageBucket) => string,
): ChartOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'item', valueFormatter: (v) => String(v) },
    legend: { bottom: 0, type: 'plain' },
    series: [
      {
        type: 'pie',
        name,
        radius: ['40%', '70%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}: {d}%' },
        data: rows.map((row) => ({
          name: label(row.bucket),
          value: row.value,
          itemStyle: { color: STAGE_COLOURS[row.bucket] },
        })),
      },
    ],
  };
}

export interface DailyMatrix {
  readonly days: readonly string[];
  /** The buckets with any passage in the period, in stage order. */
  readonly buckets: readonly StageBucket[];
  /** Per bucket, one count per day of `days` (0 where the ledger has no row). */
  readonly counts: Readonly<Partial<Record<StageBucket, readonly number[]>>>;
}

/** The ledger's `(day, stage, count)` rows as one column per day and one series per stage. */
export function dailyMatrix(rows: DailyStages, from: string, to: string): DailyMatrix {
  const days = daysOf(from, to);
  const index = new Map(days.map((day, i) => [day, i]));
  const counts: Partial<Record<StageBucket, number[]>> = {};
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined || row.count === 0) continue;
    const series = (counts[row.stage] ??= days.map(() => 0));
    series[i] = (series[i] ?? 0) + row.count;
  }
  return { days, buckets: BUCKETS.filter((bucket) => counts[bucket]), counts };
}

export interface DailyRow {
  readonly day: string;
  readonly total: number;
  readonly counts: Readonly<Partial<Record<StageBucket, number>>>;
}

/** The matrix as table rows: one per day, a column per stage and the day's total. */
export function dailyRows(matrix: DailyMatrix): DailyRow[] {
  return matrix.days.map((day, i) => {
    const counts: Partial<Record<StageBucket, number>> = {};
    let total = 0;
    for (const bucket of matrix.buckets) {
      const count = matrix.counts[bucket]?.[i] ?? 0;
      counts[bucket] = count;
      total += count;
    }
    return { day, total, counts };
  });
}

/** Stacked bars: a category per column (a day, a district), a stage per colour. */
function stackedOption(
  categories: readonly string[],
  buckets: readonly StageBucket[],
  counts: Readonly<Partial<Record<StageBucket, readonly number[]>>>,
  label: (b: StageBucket) => string,
): ChartOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, type: 'plain' },
    grid: { left: 48, right: 16, top: 16, bottom: 64 },
    xAxis: { type: 'category', data: [...categories] },
    yAxis: { type: 'value', minInterval: 1 },
    series: buckets.map((bucket) => ({
      type: 'bar',
      stack: 'stages',
      name: label(bucket),
      barMaxWidth: 48,
      itemStyle: { color: STAGE_COLOURS[bucket] },
      data: [...(counts[bucket] ?? [])],
    })),
  };
}

/** Trips per day, stacked by stage. */
export const dailyOption = (matrix: DailyMatrix, label: (b: StageBucket) => string): ChartOption =>
  stackedOption(
    matrix.days.map((day) => day.slice(5)),
    matrix.buckets,
    matrix.counts,
    label,
  );

export const DISTRICTS = '/api/ledger/v1/statistics/districts';
export type DistrictStatistics =
  paths[typeof DISTRICTS]['get']['responses'][200]['content']['application/json'];
export type District = DistrictStatistics['districts'][number];
export type DistrictEnterprise = District['enterprises'][number];

export interface DistrictMatrix {
  readonly districts: readonly string[];
  readonly buckets: readonly StageBucket[];
  /** Per bucket, the trips of each district of `districts`. */
  readonly counts: Readonly<Partial<Record<StageBucket, readonly number[]>>>;
}

/** Each district's trips by stage: the buckets any district has, a column per district. */
export function districtMatrix(statistics: DistrictStatistics): DistrictMatrix {
  const districts = statistics.districts.map((d) => d.districtCode);
  const buckets = BUCKETS.filter((bucket) =>
    statistics.districts.some((d) => d.stageShares.trips.counts[bucket] > 0),
  );
  const counts = Object.fromEntries(
    buckets.map((bucket) => [bucket, statistics.districts.map((d) => d.stageShares.trips.counts[bucket])]),
  );
  return { districts, buckets, counts };
}

/** Districts side by side, stacked by stage. */
export const districtOption = (matrix: DistrictMatrix, label: (b: StageBucket) => string): ChartOption =>
  stackedOption(matrix.districts, matrix.buckets, matrix.counts, label);

/** One clean-transport definition's share of trips, `null` when there were none. */
export const cleanShare = (
  clean: readonly CleanTransport[],
  definition: CleanTransport['definition'],
  basis: 'byTrips' | 'byTonnes' = 'byTrips',
): number | null => clean.find((c) => c.definition === definition)?.[basis].ratio ?? null;

/** A share as people read it: `87.5%`, or `—` when there was nothing to divide. */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
