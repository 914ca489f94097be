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
import { type EnterpriseProfiles } from '../enterprise-directory/enterprise-profiles';
import { PassageRepository } from '../passage/passage.repository';
import { VehicleEntity } from '../vehicle/vehicle.entity';

export const STATISTICS_TIME_ZONE = 'Asia/Shanghai';

const localDate = z.iso.date();

/** The period rules every statistics query shares: local days, `from` ≤ `to`, at most 366 of them. */
export function withPeriodRules<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((q) => q.from <= q.to, 'from must not be after to')
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 365 * 86_400_000, 'at most 366 days');
}

/**
 * Local days (Asia/Shanghai), `to` inclusive, at most 366. The class indicator uses the class and
 * industry the directory told the ledger (`enterprise_profiles`); `performanceClass` + `industry`
 * in the query override them (both or neither).
 */
export const statisticsSummaryQuery = withPeriodRules(
  z.strictObject({
    from: localDate,
    to: localDate,
    performanceClass: z.enum(PERFORMANCE_CLASSES).optional(),
    industry: z.enum(INDUSTRIES).optional(),
  }),
).refine(
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

/** Passages with the same stage, fuel and tonnes: what the figures need of a trip. */
export interface TripKind {
  readonly stage: string | null;
  readonly fuel: string | null;
  readonly tonnes: number | null;
}

/** Passages of one local day with the same stage, fuel and tonnes. */
export interface TripGroup extends TripKind {
  readonly day: string;
  readonly trips: number;
}

/** The trip fact of a passage of this kind at `at` (a stage or fuel the domain does not know stays unknown). */
export const tripFactOf = (kind: TripKind, at: Date): TripFact => ({
  at,
  ...(kind.stage !== null && isEmissionStage(kind.stage) ? { stage: kind.stage } : {}),
  ...(kind.fuel !== null && isFuel(kind.fuel) ? { fuel: kind.fuel } : {}),
  ...(kind.tonnes !== null ? { tonnes: kind.tonnes } : {}),
});

/** `count` trips of one fact: one shared object per group, so the domain counts trips and memory stays per group. */
export function pushTrips(trips: TripFact[], fact: TripFact, count: number): void {
  for (let i = 0; i < count; i += 1) trips.push(fact);
}

/** The half-open instant period of local days `from`…`to` (Asia/Shanghai). */
export const periodOf = (query: { readonly from: string; readonly to: string }): Period => ({
  from: shanghaiMidnight(query.from),
  until: new Date(shanghaiMidnight(query.to).getTime() + DAY_MS),
});

const nullableRatio = (ratio: Ratio) => ({
  clean: ratio.clean,
  total: ratio.total,
  ratio: ratio.ratio ?? null,
});

/** Where the class and industry of the indicator came from: the query (override) or the stored directory record. */
export type ClassSource = 'query' | 'directory';

/** The class the indicator is computed for. */
export interface ClassProfile {
  readonly performanceClass: PerformanceClass;
  readonly industry: Industry;
  readonly source: ClassSource;
}

export interface ClassComplianceFigure {
  readonly performanceClass: PerformanceClass;
  readonly industry: Industry;
  readonly classSource: ClassSource;
  readonly status: ComplianceStatus;
  readonly indicators: readonly {
    readonly metric: CleanTransportDefinition;
    readonly basis: 'trips' | 'tonnes';
    readonly minimumShare: number;
    readonly source: string;
    readonly actual: number | null;
    readonly met: boolean | null;
  }[];
}

export interface StageShareFigures {
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
}

export interface CleanTransportFigure {
  readonly definition: CleanTransportDefinition;
  readonly byTrips: { readonly clean: number; readonly total: number; readonly ratio: number | null };
  readonly byTonnes: { readonly clean: number; readonly total: number; readonly ratio: number | null };
}

/** What libs/domain's statistics say of a set of trips over a period. */
export interface TransportFigures {
  readonly trips: number;
  readonly stageShares: StageShareFigures;
  readonly cleanTransport: readonly CleanTransportFigure[];
  readonly classCompliance: ClassComplianceFigure | null;
}

/**
 * The domain's figures (stage shares by trips and tonnes, each clean-transport ratio, the class
 * indicator when the class is known) as the API answers them: ratios without a denominator `null`.
 */
export function transportFigures(
  trips: readonly TripFact[],
  period: Period,
  profile: ClassProfile | undefined,
): TransportFigures {
  const shares = stageShares(trips, period);
  const compliance = profile ? classCompliance(trips, period, profile) : undefined;
  return {
    trips: shares.trips.total,
    stageShares: shares,
    cleanTransport: CLEAN_TRANSPORT_DEFINITIONS.map((definition) => {
      const ratio = cleanTransportRatio(trips, period, definition);
      return { definition, byTrips: nullableRatio(ratio.byTrips), byTonnes: nullableRatio(ratio.byTonnes) };
    }),
    classCompliance:
      profile && compliance
        ? {
            performanceClass: profile.performanceClass,
            industry: profile.industry,
            classSource: profile.source,
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

export interface StatisticsSummary extends TransportFigures {
  readonly from: string;
  readonly to: string;
  readonly timeZone: typeof STATISTICS_TIME_ZONE;
  readonly daily: readonly { readonly day: string; readonly trips: number }[];
}

/**
 * The console's summary, computed by libs/domain's statistics (stage shares by trips and tonnes,
 * clean-transport ratios, the class indicator) over the period's passages: one passage is one
 * trip, timed by its first capture, with the registry's fuel. The class is the query's when it
 * names one, else `stored` (the directory's record), else there is no indicator. Pure: the groups
 * come from the database (`StatisticsSummaryService`).
 */
export function summarise(
  groups: readonly TripGroup[],
  query: StatisticsSummaryQuery,
  stored?: Pick<ClassProfile, 'performanceClass' | 'industry'>,
): StatisticsSummary {
  const period = periodOf(query);
  const trips: TripFact[] = [];
  const perDay = new Map<string, number>();
  for (const group of groups) {
    pushTrips(trips, tripFactOf(group, shanghaiMidnight(group.day)), group.trips);
    perDay.set(group.day, (perDay.get(group.day) ?? 0) + group.trips);
  }
  const profile: ClassProfile | undefined =
    query.performanceClass && query.industry
      ? { performanceClass: query.performanceClass, industry: query.industry, source: 'query' }
      : stored
        ? { performanceClass: stored.performanceClass, industry: stored.industry, source: 'directory' }
        : undefined;
  const figures = transportFigures(trips, period, profile);
  return {
    from: query.from,
    to: query.to,
    timeZone: STATISTICS_TIME_ZONE,
    trips: figures.trips,
    stageShares: figures.stageShares,
    daily: localDays(query.from, query.to).map((day) => ({ day, trips: perDay.get(day) ?? 0 })),
    cleanTransport: figures.cleanTransport,
    classCompliance: figures.classCompliance,
  };
}

/**
 * Reads the period's passages grouped by local day, stage, the registry's fuel and tonnes, and the
 * enterprise's stored class when the query names none.
 */
export class StatisticsSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: EnterpriseProfiles,
  ) {}

  async summary(enterpriseId: EnterpriseId, query: StatisticsSummaryQuery): Promise<StatisticsSummary> {
    const { from, until } = periodOf(query);
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
    const stored = query.performanceClass && query.industry ? null : await this.profiles.find(enterpriseId);
    return summarise(
      rows.map((row) => ({
        day: row.day,
        stage: row.stage,
        fuel: row.fuel,
        tonnes: row.tonnes === null ? null : Number(row.tonnes),
        trips: Number(row.trips),
      })),
      query,
      stored ?? undefined,
    );
  }
}
