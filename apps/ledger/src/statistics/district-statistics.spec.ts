import { stageShares, type TripFact } from '@ecogate/domain';
import { type DataSource } from '@ecogate/persistence';
import {
  combineFigures,
  districtStatistics,
  DistrictStatisticsService,
  type EnterpriseFigures,
  type EnterpriseTripGroup,
} from './district-statistics.service';
import { periodOf, summarise, transportFigures, tripFactOf } from './statistics-summary.service';

const QUERY = { from: '2026-12-01', to: '2026-12-31' };

const enterprise = (
  enterpriseId: string,
  districtCode: string,
  performanceClass: EnterpriseTripGroup['performanceClass'] = 'B',
  extra: Partial<EnterpriseTripGroup> = {},
) => ({
  enterpriseId,
  name: `企业 ${enterpriseId}`,
  industry: 'coking' as const,
  districtCode,
  performanceClass,
  active: true,
  ...extra,
});

const trips = (
  of: ReturnType<typeof enterprise>,
  stage: string | null,
  count: number,
  tonnes: number | null = null,
  fuel: string | null = 'diesel',
): EnterpriseTripGroup => ({ ...of, stage, fuel, tonnes, trips: count });

const a = enterprise('ent-a', '130203');
const b = enterprise('ent-b', '130203', 'A');
const c = enterprise('ent-c', '130102', 'C');
const idle = enterprise('ent-idle', '130102');

const groups: EnterpriseTripGroup[] = [
  trips(a, 'VI', 6, 30),
  trips(a, 'V', 2, 10),
  trips(a, null, 1),
  trips(b, 'VI', 3, 20),
  trips(b, 'electric', 1, 5, 'electric'),
  trips(c, 'IV', 4, 25),
  trips(c, 'unheard-of', 1, 5),
  // An enterprise of the directory without passages in the period: one row, no trips.
  { ...idle, stage: null, fuel: null, tonnes: null, trips: 0 },
];

describe('district statistics', () => {
  const result = districtStatistics(groups, QUERY);

  it('groups enterprises by district (code order) and lists each enterprise (id order)', () => {
    expect(result.districts.map((d) => [d.districtCode, d.enterprises.map((e) => e.enterpriseId)])).toEqual([
      ['130102', ['ent-c', 'ent-idle']],
      ['130203', ['ent-a', 'ent-b']],
    ]);
    expect(result).toMatchObject({
      from: QUERY.from,
      to: QUERY.to,
      timeZone: 'Asia/Shanghai',
      districtCode: null,
    });
  });

  it('gives each enterprise the summary’s figures and its class indicator from the directory', () => {
    const ofA = result.districts[1]!.enterprises[0]!;
    const summaryOfA = summarise(
      groups
        .filter((g) => g.enterpriseId === 'ent-a')
        .map((g) => ({ day: '2026-12-10', stage: g.stage, fuel: g.fuel, tonnes: g.tonnes, trips: g.trips })),
      { ...QUERY, performanceClass: 'B', industry: 'coking' },
    );
    expect(ofA).toMatchObject({
      enterpriseId: 'ent-a',
      name: '企业 ent-a',
      industry: 'coking',
      performanceClass: 'B',
      active: true,
      trips: summaryOfA.trips,
      stageShares: summaryOfA.stageShares,
      cleanTransport: summaryOfA.cleanTransport,
      classCompliance: { ...summaryOfA.classCompliance, classSource: 'directory' },
    });
    // 8 of 9 trips are 国V+: class B (≥ 80 %) met.
    expect(ofA.classCompliance.status).toBe('met');
    const idleFigures = result.districts[0]!.enterprises[1]!;
    expect(idleFigures).toMatchObject({ trips: 0, classCompliance: { status: 'no-data' } });
    expect(idleFigures.cleanTransport[0]!.byTrips.ratio).toBeNull();
    // A stage the domain does not know counts as unknown.
    expect(result.districts[0]!.enterprises[0]!.stageShares.trips.counts.unknown).toBe(1);
  });

  it('sums the enterprises of a district, and the districts in the total', () => {
    const [d130102, d130203] = result.districts;
    expect(d130203).toMatchObject({
      enterpriseCount: 2,
      trips: 13,
      stageShares: {
        trips: { total: 13, counts: { VI: 9, V: 2, electric: 1, unknown: 1 } },
        tonnes: { total: 6 * 30 + 2 * 10 + 3 * 20 + 5, tripsWithoutTonnes: 1 },
      },
      // ent-a (B, 8 of 9 国V+) and ent-b (A, all 国VI or electric) both meet their class.
      classComplianceCounts: { met: 2, 'not-met': 0, 'no-data': 0, 'no-threshold': 0 },
    });
    expect(d130102).toMatchObject({
      enterpriseCount: 2,
      trips: 5,
      classComplianceCounts: { 'no-threshold': 1, 'no-data': 1 },
    });
    expect(result.total).toMatchObject({ enterpriseCount: 4, trips: 18 });
    expect(result.total.stageShares.trips.shares.VI).toBeCloseTo(9 / 18);
    const vPlus = result.total.cleanTransport.find((r) => r.definition === 'v-plus')!;
    expect(vPlus.byTrips).toEqual({ clean: 12, total: 18, ratio: 12 / 18 });
  });

  it('adds up to what the domain gives over all the trips at once', () => {
    const period = periodOf(QUERY);
    const all: TripFact[] = groups.flatMap((g) =>
      Array.from({ length: g.trips }, () => tripFactOf(g, period.from)),
    );
    const together = transportFigures(all, period, undefined);
    expect(result.total.trips).toBe(together.trips);
    expect(result.total.stageShares.trips).toEqual(together.stageShares.trips);
    expect(result.total.stageShares.tonnes.amounts).toEqual(together.stageShares.tonnes.amounts);
    expect(result.total.stageShares.tonnes.total).toBeCloseTo(stageShares(all, period).tonnes.total);
    for (const [i, figure] of together.cleanTransport.entries()) {
      expect(result.total.cleanTransport[i]!.byTrips).toEqual(figure.byTrips);
      expect(result.total.cleanTransport[i]!.byTonnes.clean).toBeCloseTo(figure.byTonnes.clean);
      expect(result.total.cleanTransport[i]!.byTonnes.total).toBeCloseTo(figure.byTonnes.total);
    }
  });

  it('answers an empty scope with zeros and no ratios', () => {
    const empty = districtStatistics([], { ...QUERY, districtCode: '130203' });
    expect(empty).toMatchObject({
      districtCode: '130203',
      districts: [],
      total: { enterpriseCount: 0, trips: 0 },
    });
    expect(empty.total.cleanTransport.map((c) => c.byTrips.ratio)).toEqual([null, null, null]);
    const none = combineFigures([] as EnterpriseFigures[]).stageShares;
    expect(Object.keys(none.trips.counts)).toEqual(Object.keys(result.total.stageShares.trips.counts));
    expect(Object.values(none.trips.counts).every((n) => n === 0)).toBe(true);
    expect(Object.values(none.tonnes.shares).every((n) => n === 0)).toBe(true);
  });
});

describe('DistrictStatisticsService', () => {
  const recording = () => {
    const calls: { sql: string; parameters: unknown[] }[] = [];
    const dataSource = {
      query: async (sql: string, parameters: unknown[]) => {
        calls.push({ sql, parameters });
        return [];
      },
    } as unknown as DataSource;
    return { calls, service: new DistrictStatisticsService(dataSource) };
  };

  it('reads every enterprise of the scope in one aggregation grouped by enterprise', async () => {
    const { calls, service } = recording();
    await service.statistics('*', { ...QUERY, districtCode: '130203' });
    await service.statistics(['ent-a', 'ent-c'], QUERY);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.sql).toMatch(/GROUP BY e\."enterprise_id"/);
    // City-wide: no tenant list; an inspector: exactly the token's enterprises.
    expect(calls[0]!.parameters.slice(2)).toEqual(['130203', null]);
    expect(calls[1]!.parameters.slice(2)).toEqual([null, ['ent-a', 'ent-c']]);
    expect(calls[1]!.parameters.slice(0, 2)).toEqual([
      new Date('2026-11-30T16:00:00.000Z'),
      new Date('2026-12-31T16:00:00.000Z'),
    ]);
  });

  it('asks nothing for a caller whose token lists no enterprise', async () => {
    const { calls, service } = recording();
    expect((await service.statistics([], QUERY)).districts).toEqual([]);
    expect(calls).toEqual([]);
  });
});
