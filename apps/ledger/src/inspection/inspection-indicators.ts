import { EVIDENCE_SOURCES, type EvidenceSource, type TripFact } from '@ecogate/domain';
import {
  localDays,
  periodOf,
  pushTrips,
  shanghaiMidnight,
  type StageShareFigures,
  transportFigures,
  tripFactOf,
  type TripKind,
} from '../statistics/statistics-summary.service';
import { type Interval } from './sampling';

const DAY_MS = 86_400_000;

/** Passages of one local day with the same stage, stage source, fuel and tonnes. */
export interface IndicatorGroup extends TripKind {
  readonly day: string;
  readonly stageSource: string | null;
  readonly trips: number;
  /** Of `trips`, those with nothing missing (`missing_fields` empty). */
  readonly complete: number;
  /** Σ completeness (0…1) of `trips`. */
  readonly completenessSum: number;
}

/** Distinct plates seen on one local day. */
export interface DailyVehicles {
  readonly day: string;
  readonly vehicles: number;
}

export type StageSourceBucket = EvidenceSource | 'unknown';

export interface EnterpriseIndicators {
  readonly from: string;
  readonly to: string;
  readonly trips: number;
  readonly completeness: {
    /** Passages with no missing field ÷ all; `null` without passages. */
    readonly rate: number | null;
    readonly complete: number;
    /** Mean of the passages' completeness; `null` without passages. */
    readonly average: number | null;
  };
  /** libs/domain's stage shares by trips and by tonnes (the statistics module's figures). */
  readonly stageShares: StageShareFigures;
  /** Where each passage's stage came from (`unknown`: no stage yet). */
  readonly stageSources: {
    readonly counts: Readonly<Record<StageSourceBucket, number>>;
    readonly shares: Readonly<Record<StageSourceBucket, number>>;
  };
  /** Distinct vehicles per day, averaged over alert days (any alert in force that day) and the other days. */
  readonly dailyVehicles: {
    readonly alertDays: readonly string[];
    readonly alertDayAverage: number | null;
    readonly otherDayCount: number;
    readonly otherDayAverage: number | null;
  };
}

const SOURCE_BUCKETS: readonly StageSourceBucket[] = [...EVIDENCE_SOURCES, 'unknown'];
const isEvidenceSource = (value: string | null): value is EvidenceSource =>
  value !== null && (EVIDENCE_SOURCES as readonly string[]).includes(value);
const average = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

/** Local days (Asia/Shanghai) of `from`…`to` during which an alert interval was in force, even briefly. */
export function alertDaysOf(from: string, to: string, alerts: readonly Interval[]): string[] {
  return localDays(from, to).filter((day) => {
    const start = shanghaiMidnight(day).getTime();
    return alerts.some((a) => a.from.getTime() < start + DAY_MS && start < a.until.getTime());
  });
}

/** The inspector's indicators of an enterprise over local days `from`…`to`. Pure: the groups come from the database. */
export function enterpriseIndicators(
  period: { readonly from: string; readonly to: string },
  groups: readonly IndicatorGroup[],
  daily: readonly DailyVehicles[],
  alerts: readonly Interval[],
): EnterpriseIndicators {
  const trips: TripFact[] = [];
  const sourceCounts = Object.fromEntries(SOURCE_BUCKETS.map((b) => [b, 0])) as Record<
    StageSourceBucket,
    number
  >;
  let complete = 0;
  let completenessSum = 0;
  for (const group of groups) {
    pushTrips(trips, tripFactOf(group, shanghaiMidnight(group.day)), group.trips);
    sourceCounts[isEvidenceSource(group.stageSource) ? group.stageSource : 'unknown'] += group.trips;
    complete += group.complete;
    completenessSum += group.completenessSum;
  }
  const figures = transportFigures(trips, periodOf(period), undefined);
  const total = figures.trips;
  const alertDays = alertDaysOf(period.from, period.to, alerts);
  const vehiclesOn = new Map(daily.map((d) => [d.day, d.vehicles]));
  const alertSet = new Set(alertDays);
  const otherDays = localDays(period.from, period.to).filter((day) => !alertSet.has(day));
  return {
    from: period.from,
    to: period.to,
    trips: total,
    completeness: {
      rate: total === 0 ? null : complete / total,
      complete,
      average: total === 0 ? null : completenessSum / total,
    },
    stageShares: figures.stageShares,
    stageSources: {
      counts: sourceCounts,
      shares: Object.fromEntries(
        SOURCE_BUCKETS.map((b) => [b, total === 0 ? 0 : sourceCounts[b] / total]),
      ) as Record<StageSourceBucket, number>,
    },
    dailyVehicles: {
      alertDays,
      alertDayAverage: average(alertDays.map((day) => vehiclesOn.get(day) ?? 0)),
      otherDayCount: otherDays.length,
      otherDayAverage: average(otherDays.map((day) => vehiclesOn.get(day) ?? 0)),
    },
  };
}
