import { type StageBucket } from '@ecogate/domain';
import {
  BUCKETS,
  type Compliance,
  type DailyStages,
  type DistrictStatistics,
  type Summary,
} from './statistics-model';

const record = (values: Partial<Record<StageBucket, number>>): Record<StageBucket, number> =>
  Object.fromEntries(BUCKETS.map((bucket) => [bucket, values[bucket] ?? 0])) as Record<StageBucket, number>;

const compliance: Compliance = {
  performanceClass: 'B',
  industry: 'steel',
  classSource: 'directory',
  status: 'not-met',
  indicators: [
    {
      metric: 'v-plus',
      basis: 'trips',
      minimumShare: 0.8,
      source: 'domain.md §4 (example)',
      actual: 0.7,
      met: false,
    },
  ],
};

/** A period of 10 trips: 2 国四, 6 国五, 1 electric, 1 unknown; 150 t over the 8 with a quantity. */
export const summary: Summary = {
  from: '2026-12-01',
  to: '2026-12-03',
  timeZone: 'Asia/Shanghai',
  trips: 10,
  stageShares: {
    trips: {
      total: 10,
      counts: record({ IV: 2, V: 6, electric: 1, unknown: 1 }),
      shares: record({ IV: 0.2, V: 0.6, electric: 0.1, unknown: 0.1 }),
    },
    tonnes: {
      total: 150,
      amounts: record({ IV: 30, V: 120 }),
      shares: record({ IV: 0.2, V: 0.8 }),
      tripsWithoutTonnes: 2,
    },
  },
  daily: [
    { day: '2026-12-01', trips: 3 },
    { day: '2026-12-02', trips: 0 },
    { day: '2026-12-03', trips: 7 },
  ],
  cleanTransport: [
    {
      definition: 'new-energy',
      byTrips: { clean: 1, total: 10, ratio: 0.1 },
      byTonnes: { clean: 0, total: 150, ratio: 0 },
    },
    {
      definition: 'v-plus',
      byTrips: { clean: 7, total: 10, ratio: 0.7 },
      byTonnes: { clean: 120, total: 150, ratio: 0.8 },
    },
    {
      definition: 'vi-plus',
      byTrips: { clean: 1, total: 10, ratio: 0.1 },
      byTonnes: { clean: 0, total: 150, ratio: 0 },
    },
  ],
  classCompliance: compliance,
};

export const dailyStages: DailyStages = [
  { day: '2026-12-01', stage: 'IV', count: 2 },
  { day: '2026-12-01', stage: 'V', count: 1 },
  { day: '2026-12-03', stage: 'V', count: 5 },
  { day: '2026-12-03', stage: 'electric', count: 1 },
  { day: '2026-12-03', stage: 'unknown', count: 1 },
];

const enterprise = (enterpriseId: string, name: string, status: 'met' | 'not-met') => ({
  enterpriseId,
  name,
  industry: 'steel' as const,
  performanceClass: 'B' as const,
  active: true,
  trips: summary.trips,
  stageShares: summary.stageShares,
  cleanTransport: summary.cleanTransport,
  classCompliance: { ...compliance, status },
});

/** Two districts: 130102 with two enterprises (20 trips), 130104 with none that drove. */
export const districts: DistrictStatistics = {
  from: '2026-12-01',
  to: '2026-12-03',
  timeZone: 'Asia/Shanghai',
  districtCode: null,
  total: {
    enterpriseCount: 3,
    trips: 20,
    stageShares: {
      trips: {
        total: 20,
        counts: record({ IV: 4, V: 12, electric: 2, unknown: 2 }),
        shares: record({ IV: 0.2, V: 0.6, electric: 0.1, unknown: 0.1 }),
      },
      tonnes: {
        total: 300,
        amounts: record({ IV: 60, V: 240 }),
        shares: record({ IV: 0.2, V: 0.8 }),
        tripsWithoutTonnes: 4,
      },
    },
    cleanTransport: summary.cleanTransport,
    classComplianceCounts: { met: 1, 'not-met': 1, 'no-data': 1, 'no-threshold': 0 },
  },
  districts: [
    {
      districtCode: '130102',
      enterpriseCount: 2,
      trips: 20,
      stageShares: {
        trips: {
          total: 20,
          counts: record({ IV: 4, V: 12, electric: 2, unknown: 2 }),
          shares: record({ IV: 0.2, V: 0.6, electric: 0.1, unknown: 0.1 }),
        },
        tonnes: {
          total: 300,
          amounts: record({ IV: 60, V: 240 }),
          shares: record({ IV: 0.2, V: 0.8 }),
          tripsWithoutTonnes: 4,
        },
      },
      cleanTransport: summary.cleanTransport,
      classComplianceCounts: { met: 1, 'not-met': 1, 'no-data': 0, 'no-threshold': 0 },
      enterprises: [enterprise('e1', '甲钢铁', 'met'), enterprise('e2', '乙钢铁', 'not-met')],
    },
    {
      districtCode: '130104',
      enterpriseCount: 1,
      trips: 0,
      stageShares: {
        trips: { total: 0, counts: record({}), shares: record({}) },
        tonnes: { total: 0, amounts: record({}), shares: record({}), tripsWithoutTonnes: 0 },
      },
      cleanTransport: [],
      classComplianceCounts: { met: 0, 'not-met': 0, 'no-data': 1, 'no-threshold': 0 },
      enterprises: [],
    },
  ],
};
