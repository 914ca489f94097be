import {
  CLEAN_TRANSPORT_DEFINITIONS,
  type CleanTransportDefinition,
  classCompliance,
  cleanTransportRatio,
  type ComplianceStatus,
  type Industry,
  INDUSTRIES,
  isEmissionStage,
  isFuel,
  PERFORMANCE_CLASSES,
  type PerformanceClass,
  type Period,
  type Ratio,
  type StageBucket,
  stageShares,
  type TripFact,
} from '@ecogate/domain';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { PassageRepository } from '../passage/passage.repository';
import { VehicleEntity } from '../vehicle/vehicle.entity';

export const STATISTICS_TIME_ZONE = 'Asia/Shanghai';

/** Local days (Asia/Shanghai), `to` inclusive, at most 366; the class (from the gateway's directory) adds its indicator. */
export const statisticsSummaryQuery = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    performanceClass: z.enum(PERFORMANCE_CLASSES).optional(),
    industry: z.enum(INDUSTRIES).optional(),
  })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 365 * 86_400_000, 'at most 366 days')
  .refine(
    (q) => (q.performanceClass === undefined) === (q.industry === undefined),
    'performanceClass and industry come together (the enterprise directory has both)',
  );
export type StatisticsSummaryQuery = z.infer<typeof statisticsSummaryQuery>;

const DAY_MS = 86_400_000;
/** Shanghai midnight of a local date (no daylight saving there). */
export const shanghaiMidnight = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

/** Every local date from `from` to `to`, both included. */
export function localDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Passages of one local day with the same stage, fuel and tonnes: what the statistics need of them. */
export interface TripGroup {
  readonly day: string;
  readonly stage: string | null;
  readonly fuel: string | null;
  readonly tonnes: number | null;
  readonly trips: number;
}

const nullableRatio = (ratio: Ratio) => ({
  clean: ratio.clean,
  total: ratio.total,
  ratio: ratio.ratio ?? null,
});

export interface StatisticsSummary {
  readonly from: string;
  readonly to: string;
  readonly timeZone: typeof STATISTICS_TIME_ZONE;
  readonly trips: number;
  readonly stageShares: {
    readonly trips: {
      readonly total: number;
      readonly counts: Readonly<Record<StageBucket, number>>;
      readonly shares: Readonly<Record<StageBucket, number>>;
    };
    readonly tonnes: {
      readonly total: number;
      readonly amounts: Readonly<Record<StageBucket, number>>;
      readonly shares: Readonly<Record<StageBucket, number>>;
      readonly tripsWithoutTonnes: number;
    };
  };
  readonly daily: readonly { readonly day: string; readonly trips: number }[];
  readonly cleanTransport: readonly {
    readonly definition: CleanTransportDefinition;
    readonly byTrips: { clean: number; total: number; ratio: number | null };
    readonly byTonnes: { clean: number; total: number; ratio: number | null };
  }[];
  readonly classCompliance: {
    readonly performanceClass: PerformanceClass;
    readonly industry: Industry;
    readonly status: ComplianceStatus;
    readonly indicators: readonly {
      readonly metric: CleanTransportDefinition;
      readonly basis: 'trips' | 'tonnes';
      readonly minimumShare: number;
      readonly source: string;
      readonly actual: number | null;
      readonly met: boolean | null;
    }[];
  } | null;
}

/**
 * The console's summary, computed by libs/domain's statistics (stage shares by trips and tonnes,
 * clean-transport ratios, the class indicator) over the period's passages: one passage is one
 * trip, timed by its first capture, with the registry's fuel. Pure: the groups come from the
 * database (`StatisticsSummaryService`).
 */
export function summarise(groups: readonly TripGroup[], query: StatisticsSummaryQuery): StatisticsSummary {
  const period: Period = {
    from: shanghaiMidnight(query.from),
    until: new Date(shanghaiMidnight(query.to).getTime() + DAY_MS),
  };
  const trips: TripFact[] = [];
  const perDay = new Map<string, number>();
  for (const group of groups) {
    const fact: TripFact = {
      at: shanghaiMidnight(group.day),
      ...(group.stage !== null && isEmissionStage(group.stage) ? { stage: group.stage } : {}),
      ...(group.fuel !== null && isFuel(group.fuel) ? { fuel: group.fuel } : {}),
      ...(group.tonnes !== null ? { tonnes: group.tonnes } : {}),
    };
    // One shared fact per trip of the group: the domain counts trips, the memory stays per group.
    for (let i = 0; i < group.trips; i += 1) trips.push(fact);
    perDay.set(group.day, (perDay.get(group.day) ?? 0) + group.trips);
  }
  const shares = stageShares(trips, period);
  const compliance =
    query.performanceClass && query.industry
      ? classCompliance(trips, period, { performanceClass: query.performanceClass, industry: query.industry })
      : undefined;
  return {
    from: query.from,
    to: query.to,
    timeZone: STATISTICS_TIME_ZONE,
    trips: shares.trips.total,
    stageShares: shares,
    daily: localDays(query.from, query.to).map((day) => ({ day, trips: perDay.get(day) ?? 0 })),
    cleanTransport: CLEAN_TRANSPORT_DEFINITIONS.map((definition) => {
      const ratio = cleanTransportRatio(trips, period, definition);
      return { definition, byTrips: nullableRatio(ratio.byTrips), byTonnes: nullableRatio(ratio.byTonnes) };
    }),
    classCompliance:
      compliance && query.performanceClass && query.industry
        ? {
            performanceClass: query.performanceClass,
            industry: query.industry,
            status: compliance.status,
            indicators: compliance.indicators.map((indicator) => ({
              metric: indicator.metric,
              basis: indicator.basis,
              minimumShare: indicator.minimumShare,
              source: indicator.source,
              actual: indicator.actual ?? null,
              met: indicator.met ?? null,
            })),
          }
        : null,
  };
}

/** Reads the period's passages grouped by local day, stage, the registry's fuel and tonnes. */
export class StatisticsSummaryService {
  constructor(private readonly dataSource: DataSource) {}

  async summary(enterpriseId: EnterpriseId, query: StatisticsSummaryQuery): Promise<StatisticsSummary> {
    const from = shanghaiMidnight(query.from);
    const until = new Date(shanghaiMidnight(query.to).getTime() + DAY_MS);
    const rows: {
      day: string;
      stage: string | null;
      fuel: string | null;
      tonnes: string | null;
      trips: string;
    }[] = await new PassageRepository(this.dataSource.manager)
      .scopedQueryBuilder(enterpriseId, 'p')
      .leftJoin(VehicleEntity, 'v', 'v.enterpriseId = p.enterpriseId AND v.plate = p.plate')
      .select(`to_char(p.capturedAt AT TIME ZONE '${STATISTICS_TIME_ZONE}', 'YYYY-MM-DD')`, 'day')
      .addSelect('p.stage', 'stage')
      .addSelect('v.fuel', 'fuel')
      .addSelect('p.cargoTonnes', 'tonnes')
      .addSelect('count(*)', 'trips')
      .andWhere('p.capturedAt >= :from', { from })
      .andWhere('p.capturedAt < :until', { until })
      .groupBy('day')
      .addGroupBy('p.stage')
      .addGroupBy('v.fuel')
      .addGroupBy('p.cargoTonnes')
      .getRawMany();
    return summarise(
      rows.map((row) => ({
        day: row.day,
        stage: row.stage,
        fuel: row.fuel,
        tonnes: row.tonnes === null ? null : Number(row.tonnes),
        trips: Number(row.trips),
      })),
      query,
    );
  }
}
