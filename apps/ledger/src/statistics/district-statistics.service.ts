import {
  CLEAN_TRANSPORT_DEFINITIONS,
  type ComplianceStatus,
  EMISSION_STAGES,
  type Industry,
  type PerformanceClass,
  type StageBucket,
  type TripFact,
} from '@ecogate/domain';
import { type DataSource } from '@ecogate/persistence';
import { z } from 'zod';
import {
  type ClassComplianceFigure,
  type CleanTransportFigure,
  periodOf,
  pushTrips,
  type StageShareFigures,
  STATISTICS_TIME_ZONE,
  transportFigures,
  type TransportFigures,
  tripFactOf,
  type TripKind,
  withPeriodRules,
} from './statistics-summary.service';

const localDate = z.iso.date();

/** `GET /api/v1/statistics/districts?from&to[&districtCode]`: local days as the summary's; one district or all. */
export const districtStatisticsQuery = withPeriodRules(
  z.strictObject({
    from: localDate,
    to: localDate,
    districtCode: z
      .string()
      .regex(/^\d{6}$/, 'a 6-digit administrative division code')
      .optional(),
  }),
);
export type DistrictStatisticsQuery = z.infer<typeof districtStatisticsQuery>;

/** One enterprise's passages of the period with the same stage, fuel and tonnes, with its directory record. */
export interface EnterpriseTripGroup extends TripKind {
  readonly enterpriseId: string;
  readonly name: string;
  readonly industry: Industry;
  readonly districtCode: string;
  readonly performanceClass: PerformanceClass;
  readonly active: boolean;
  /** 0 for the one row of an enterprise without passages in the period. */
  readonly trips: number;
}

export const COMPLIANCE_STATUSES = [
  'met',
  'not-met',
  'no-data',
  'no-threshold',
] as const satisfies readonly ComplianceStatus[];

export interface EnterpriseFigures extends Omit<TransportFigures, 'classCompliance'> {
  readonly enterpriseId: string;
  readonly name: string;
  readonly industry: Industry;
  readonly performanceClass: PerformanceClass;
  readonly active: boolean;
  /** Always there: the directory's record names the class. */
  readonly classCompliance: ClassComplianceFigure;
}

/** Figures of several enterprises together: sums of theirs, shares and ratios of the sums. */
export interface AreaFigures {
  readonly enterpriseCount: number;
  readonly trips: number;
  readonly stageShares: StageShareFigures;
  readonly cleanTransport: readonly CleanTransportFigure[];
  /** How many of the enterprises have each class-compliance status. */
  readonly classComplianceCounts: Readonly<Record<ComplianceStatus, number>>;
}

export interface DistrictFigures extends AreaFigures {
  readonly districtCode: string;
  readonly enterprises: readonly EnterpriseFigures[];
}

export interface DistrictStatistics {
  readonly from: string;
  readonly to: string;
  readonly timeZone: typeof STATISTICS_TIME_ZONE;
  /** The district asked for, `null` for all the caller may see. */
  readonly districtCode: string | null;
  /** Every district of the answer together. */
  readonly total: AreaFigures;
  readonly districts: readonly DistrictFigures[];
}

/** The domain's stage buckets (`stageShares`): every stage, and `unknown`. */
const STAGE_BUCKETS: readonly StageBucket[] = [...EMISSION_STAGES, 'unknown'];

const shareOf = (part: number, total: number): number => (total === 0 ? 0 : part / total);
const ratioOf = (clean: number, total: number) => ({
  clean,
  total,
  ratio: total === 0 ? null : clean / total,
});

function sumRecords(records: readonly Readonly<Record<StageBucket, number>>[], keys: readonly StageBucket[]) {
  const sums = Object.fromEntries(keys.map((key) => [key, 0])) as Record<StageBucket, number>;
  for (const record of records) for (const key of keys) sums[key] += record[key];
  return sums;
}

/**
 * Several enterprises' figures together. The domain decides each trip's bucket and cleanliness
 * (per enterprise, `transportFigures`); here its counts, tonnes and clean/total pairs are only
 * added up, and shares and ratios taken of the sums (as the domain does: a share of nothing is 0,
 * a ratio of nothing `null`). The sums equal what the domain gives over all the trips at once.
 */
export function combineFigures(enterprises: readonly EnterpriseFigures[]): AreaFigures {
  const keys = STAGE_BUCKETS;
  const counts = sumRecords(
    enterprises.map((e) => e.stageShares.trips.counts),
    keys,
  );
  const amounts = sumRecords(
    enterprises.map((e) => e.stageShares.tonnes.amounts),
    keys,
  );
  const trips = enterprises.reduce((sum, e) => sum + e.stageShares.trips.total, 0);
  const tonnes = enterprises.reduce((sum, e) => sum + e.stageShares.tonnes.total, 0);
  const classComplianceCounts = Object.fromEntries(COMPLIANCE_STATUSES.map((s) => [s, 0])) as Record<
    ComplianceStatus,
    number
  >;
  for (const e of enterprises) classComplianceCounts[e.classCompliance.status] += 1;
  return {
    enterpriseCount: enterprises.length,
    trips,
    stageShares: {
      trips: {
        total: trips,
        counts,
        shares: Object.fromEntries(keys.map((k) => [k, shareOf(counts[k], trips)])) as Record<
          StageBucket,
          number
        >,
      },
      tonnes: {
        total: tonnes,
        amounts,
        shares: Object.fromEntries(keys.map((k) => [k, shareOf(amounts[k], tonnes)])) as Record<
          StageBucket,
          number
        >,
        tripsWithoutTonnes: enterprises.reduce((sum, e) => sum + e.stageShares.tonnes.tripsWithoutTonnes, 0),
      },
    },
    cleanTransport: CLEAN_TRANSPORT_DEFINITIONS.map((definition) => {
      const of = enterprises.flatMap((e) => e.cleanTransport.filter((c) => c.definition === definition));
      const sum = (pick: (c: CleanTransportFigure) => number) => of.reduce((total, c) => total + pick(c), 0);
      return {
        definition,
        byTrips: ratioOf(
          sum((c) => c.byTrips.clean),
          sum((c) => c.byTrips.total),
        ),
        byTonnes: ratioOf(
          sum((c) => c.byTonnes.clean),
          sum((c) => c.byTonnes.total),
        ),
      };
    }),
    classComplianceCounts,
  };
}

/**
 * The city view: per enterprise, libs/domain's figures over its trips of the period with its class
 * indicator (the directory's class and industry); per district and in total, the enterprises'
 * figures added up. Pure: the groups come from one SQL aggregation (`DistrictStatisticsService`),
 * every row already within the period, so each trip is timed at the period's start.
 */
export function districtStatistics(
  groups: readonly EnterpriseTripGroup[],
  query: DistrictStatisticsQuery,
): DistrictStatistics {
  const period = periodOf(query);
  const byEnterprise = new Map<
    string,
    { readonly record: EnterpriseTripGroup; readonly trips: TripFact[] }
  >();
  for (const group of groups) {
    let entry = byEnterprise.get(group.enterpriseId);
    if (!entry) byEnterprise.set(group.enterpriseId, (entry = { record: group, trips: [] }));
    if (group.trips > 0) pushTrips(entry.trips, tripFactOf(group, period.from), group.trips);
  }
  const byDistrict = new Map<string, EnterpriseFigures[]>();
  for (const { record, trips } of byEnterprise.values()) {
    const { classCompliance, ...figures } = transportFigures(trips, period, {
      performanceClass: record.performanceClass,
      industry: record.industry,
      source: 'directory',
    });
    if (!classCompliance) throw new Error('a class was given, so the domain must have judged it');
    const enterprise: EnterpriseFigures = {
      enterpriseId: record.enterpriseId,
      name: record.name,
      industry: record.industry,
      performanceClass: record.performanceClass,
      active: record.active,
      ...figures,
      classCompliance,
    };
    const list = byDistrict.get(record.districtCode) ?? [];
    list.push(enterprise);
    byDistrict.set(record.districtCode, list);
  }
  const districts = [...byDistrict.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([districtCode, enterprises]): DistrictFigures => {
      const sorted = [...enterprises].sort((a, b) => a.enterpriseId.localeCompare(b.enterpriseId));
      return { districtCode, ...combineFigures(sorted), enterprises: sorted };
    });
  return {
    from: query.from,
    to: query.to,
    timeZone: STATISTICS_TIME_ZONE,
    districtCode: query.districtCode ?? null,
    total: combineFigures(districts.flatMap((d) => d.enterprises)),
    districts,
  };
}

/** Enterprises a caller may see: every one (`*`), or the ids of their token. */
export type EnterpriseScope = '*' | readonly string[];

/**
 * Reads the period's passages of every enterprise of the directory in the caller's scope (and the
 * district, when asked) in ONE aggregation, grouped by enterprise, stage, the registry's fuel and
 * tonnes. The ledger's second deliberate cross-tenant read (after retention): the tenants are the
 * caller's (`enterprise_id = ANY(…)` unless city-wide), never a path's.
 */
export class DistrictStatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  async statistics(scope: EnterpriseScope, query: DistrictStatisticsQuery): Promise<DistrictStatistics> {
    const { from, until } = periodOf(query);
    if (scope !== '*' && scope.length === 0) return districtStatistics([], query);
    const rows: {
      enterprise_id: string;
      name: string;
      industry: Industry;
      district_code: string;
      performance_class: PerformanceClass;
      active: boolean;
      stage: string | null;
      fuel: string | null;
      tonnes: string | null;
      trips: string;
    }[] = await this.dataSource.query(
      // Enterprises without passages in the period keep one row (trips 0) while active; a
      // deactivated one shows only when it had passages. Grouping by the profile's key lets the
      // select name its other columns (functionally dependent on it).
      `SELECT e."enterprise_id", e."name", e."industry", e."district_code", e."performance_class", e."active",
              p."stage", v."fuel", p."cargo_tonnes" AS "tonnes", count(p."id") AS "trips"
         FROM "enterprise_profiles" e
         LEFT JOIN "passages" p
           ON p."enterprise_id" = e."enterprise_id" AND p."captured_at" >= $1 AND p."captured_at" < $2
         LEFT JOIN "vehicles" v ON v."enterprise_id" = p."enterprise_id" AND v."plate" = p."plate"
        WHERE ($3::text IS NULL OR e."district_code" = $3)
          AND ($4::text[] IS NULL OR e."enterprise_id" = ANY($4::text[]))
        GROUP BY e."enterprise_id", p."stage", v."fuel", p."cargo_tonnes"
       HAVING e."active" OR count(p."id") > 0`,
      [from, until, query.districtCode ?? null, scope === '*' ? null : [...scope]],
    );
    return districtStatistics(
      rows.map((row) => ({
        enterpriseId: row.enterprise_id,
        name: row.name,
        industry: row.industry,
        districtCode: row.district_code,
        performanceClass: row.performance_class,
        active: row.active,
        stage: row.stage,
        fuel: row.fuel,
        tonnes: row.tonnes === null ? null : Number(row.tonnes),
        trips: Number(row.trips),
      })),
      query,
    );
  }
}
