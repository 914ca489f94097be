import { type EnterpriseProfile } from '../enterprise';
import {
  classCompliance,
  EXAMPLE_CLASS_THRESHOLDS,
  type ClassThresholdRow,
  type ComplianceStatus,
} from './class-compliance';
import { type Period, type TripFact } from './trip';

const PERIOD: Period = { from: new Date('2024-01-01T00:00:00Z'), until: new Date('2025-01-01T00:00:00Z') };
const AT = new Date('2024-06-01T00:00:00Z');

/** `vi` trips of 国VIb, `v` of 国V and `old` of 国IV, 10 t each. */
const fleet = (vi: number, v: number, old: number): TripFact[] => [
  ...Array.from({ length: vi }, (): TripFact => ({ at: AT, stage: 'VIb', tonnes: 10 })),
  ...Array.from({ length: v }, (): TripFact => ({ at: AT, stage: 'V', tonnes: 10 })),
  ...Array.from({ length: old }, (): TripFact => ({ at: AT, stage: 'IV', tonnes: 10 })),
];

type Profile = Pick<EnterpriseProfile, 'industry' | 'performanceClass'>;

describe('class-compliance indicators (example thresholds, domain.md §4)', () => {
  it.each<[string, Profile, TripFact[], ComplianceStatus]>([
    ['class B with 80 % 国V+', { industry: 'steel', performanceClass: 'B' }, fleet(2, 6, 2), 'met'],
    ['class B with 70 % 国V+', { industry: 'steel', performanceClass: 'B' }, fleet(2, 5, 3), 'not-met'],
    ['class A all 国VI', { industry: 'cement', performanceClass: 'A' }, fleet(10, 0, 0), 'met'],
    ['class A with one 国V trip', { industry: 'cement', performanceClass: 'A' }, fleet(9, 1, 0), 'not-met'],
    ['leading, all 国VI', { industry: 'glass', performanceClass: 'leading' }, fleet(3, 0, 0), 'met'],
    ['class A without trips', { industry: 'cement', performanceClass: 'A' }, [], 'no-data'],
    ['class C (no indicator)', { industry: 'steel', performanceClass: 'C' }, fleet(0, 0, 9), 'no-threshold'],
    [
      'class B- (no indicator in the examples)',
      { industry: 'steel', performanceClass: 'B-' },
      fleet(0, 0, 9),
      'no-threshold',
    ],
  ])('%s → %s', (_case, profile, trips, status) => {
    expect(classCompliance(trips, PERIOD, profile).status).toBe(status);
  });

  it('shows each indicator with required and actual shares', () => {
    const result = classCompliance(fleet(2, 5, 3), PERIOD, { industry: 'steel', performanceClass: 'B' });
    expect(result.indicators).toEqual([
      expect.objectContaining({
        metric: 'v-plus',
        basis: 'trips',
        minimumShare: 0.8,
        actual: 0.7,
        met: false,
      }),
    ]);
  });

  const steelB: ClassThresholdRow = {
    industry: 'steel',
    performanceClass: 'B',
    thresholds: [
      { metric: 'v-plus', basis: 'tonnes', minimumShare: 0.9, source: 'test: steel' },
      { metric: 'vi-plus', basis: 'trips', minimumShare: 0.2, source: 'test: steel' },
    ],
  };
  const table = [...EXAMPLE_CLASS_THRESHOLDS, steelB];

  it('prefers an industry’s own row over the default row', () => {
    const steel = classCompliance(
      fleet(2, 6, 2),
      PERIOD,
      { industry: 'steel', performanceClass: 'B' },
      table,
    );
    const coking = classCompliance(
      fleet(2, 6, 2),
      PERIOD,
      { industry: 'coking', performanceClass: 'B' },
      table,
    );
    expect(steel.indicators.map((i) => i.source)).toEqual(['test: steel', 'test: steel']);
    expect(steel.status).toBe('not-met');
    expect(coking.status).toBe('met');
  });

  it('reports not-met before no-data', () => {
    const mixed: ClassThresholdRow = {
      ...steelB,
      thresholds: [
        { metric: 'v-plus', basis: 'trips', minimumShare: 0.9, source: 's' },
        { metric: 'v-plus', basis: 'tonnes', minimumShare: 0.9, source: 's' },
      ],
    };
    const noTonnes: TripFact[] = [{ at: AT, stage: 'IV' }];
    expect(
      classCompliance(noTonnes, PERIOD, { industry: 'steel', performanceClass: 'B' }, [mixed]).status,
    ).toBe('not-met');
  });
});
