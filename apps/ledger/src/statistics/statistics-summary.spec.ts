import { localDays, summarise, type TripGroup } from './statistics-summary.service';

const group = (
  day: string,
  stage: string | null,
  trips: number,
  tonnes: number | null = null,
  fuel: string | null = 'diesel',
): TripGroup => ({
  day,
  stage,
  fuel,
  tonnes,
  trips,
});

describe('statistics summary', () => {
  const groups = [
    group('2026-12-01', 'VI', 6, 30),
    group('2026-12-01', 'V', 2, 10),
    group('2026-12-03', null, 1),
    group('2026-12-03', 'IV', 1, 20, null),
    group('2026-12-03', 'electric', 2, 5, 'electric'),
  ];

  it('gives stage shares by trips and tonnes, with unknown stages in the total', () => {
    const summary = summarise(groups, { from: '2026-12-01', to: '2026-12-03' });
    expect(summary.trips).toBe(12);
    expect(summary.stageShares.trips.counts).toMatchObject({ VI: 6, V: 2, IV: 1, electric: 2, unknown: 1 });
    expect(summary.stageShares.trips.shares.VI).toBeCloseTo(0.5);
    // 6×30 + 2×10 + 20 + 2×5 tonnes; the unknown trip has no quantity.
    expect(summary.stageShares.tonnes.total).toBe(230);
    expect(summary.stageShares.tonnes.amounts.VI).toBe(180);
    expect(summary.stageShares.tonnes.tripsWithoutTonnes).toBe(1);
  });

  it('lists every local day of the period, days without trips as 0', () => {
    expect(summarise(groups, { from: '2026-11-30', to: '2026-12-03' }).daily).toEqual([
      { day: '2026-11-30', trips: 0 },
      { day: '2026-12-01', trips: 8 },
      { day: '2026-12-02', trips: 0 },
      { day: '2026-12-03', trips: 4 },
    ]);
  });

  it('computes the clean-transport ratios of the domain (an unknown stage is never clean)', () => {
    const clean = summarise(groups, { from: '2026-12-01', to: '2026-12-03' }).cleanTransport;
    expect(clean.map((c) => [c.definition, c.byTrips.clean, c.byTrips.total])).toEqual([
      ['new-energy', 2, 12],
      ['v-plus', 10, 12],
      ['vi-plus', 8, 12],
    ]);
    expect(
      summarise([], { from: '2026-12-01', to: '2026-12-01' }).cleanTransport[0]?.byTrips.ratio,
    ).toBeNull();
  });

  it('adds the class indicator when the class is given, and null without it', () => {
    expect(summarise(groups, { from: '2026-12-01', to: '2026-12-03' }).classCompliance).toBeNull();
    const b = summarise(groups, {
      from: '2026-12-01',
      to: '2026-12-03',
      performanceClass: 'B',
      industry: 'steel',
    });
    expect(b.classCompliance).toMatchObject({
      performanceClass: 'B',
      status: 'met',
      indicators: [{ metric: 'v-plus', basis: 'trips', minimumShare: 0.8 }],
    });
    expect(b.classCompliance?.indicators[0]?.actual).toBeCloseTo(10 / 12);
    const a = summarise(groups, {
      from: '2026-12-01',
      to: '2026-12-03',
      performanceClass: 'A',
      industry: 'steel',
    });
    expect(a.classCompliance?.status).toBe('not-met');
    const c = summarise(groups, {
      from: '2026-12-01',
      to: '2026-12-03',
      performanceClass: 'C',
      industry: 'steel',
    });
    expect(c.classCompliance).toMatchObject({ status: 'no-threshold', indicators: [] });
    expect(b.classCompliance?.classSource).toBe('query');
  });

  it('uses the stored directory class when the query names none, the query’s when it does', () => {
    const stored = { performanceClass: 'A', industry: 'coking' } as const;
    expect(summarise(groups, { from: '2026-12-01', to: '2026-12-03' }, stored).classCompliance).toMatchObject(
      {
        performanceClass: 'A',
        industry: 'coking',
        classSource: 'directory',
        status: 'not-met',
      },
    );
    expect(
      summarise(
        groups,
        { from: '2026-12-01', to: '2026-12-03', performanceClass: 'B', industry: 'steel' },
        stored,
      ).classCompliance,
    ).toMatchObject({ performanceClass: 'B', industry: 'steel', classSource: 'query', status: 'met' });
  });

  it('counts days across months', () => {
    expect(localDays('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });
});
