import { alertDaysOf, enterpriseIndicators, type IndicatorGroup } from './inspection-indicators';

const group = (over: Partial<IndicatorGroup> & Pick<IndicatorGroup, 'day' | 'trips'>): IndicatorGroup => ({
  stage: 'VI',
  stageSource: 'platform-query',
  fuel: 'diesel',
  tonnes: null,
  complete: over.trips,
  completenessSum: over.trips,
  ...over,
});
const PERIOD = { from: '2026-03-01', to: '2026-03-04' };
// Red from 3 March 22:00 to 4 March 02:00 (Shanghai): two alert days.
const ALERT = [{ from: new Date('2026-03-03T22:00:00+08:00'), until: new Date('2026-03-04T02:00:00+08:00') }];

describe('alertDaysOf', () => {
  it('counts a local day touched by an alert, however briefly', () => {
    expect(alertDaysOf(PERIOD.from, PERIOD.to, ALERT)).toEqual(['2026-03-03', '2026-03-04']);
    expect(alertDaysOf(PERIOD.from, PERIOD.to, [])).toEqual([]);
  });
});

describe('enterpriseIndicators', () => {
  const indicators = enterpriseIndicators(
    PERIOD,
    [
      group({ day: '2026-03-01', trips: 6, tonnes: 30 }),
      group({
        day: '2026-03-02',
        trips: 2,
        stage: 'V',
        stageSource: 'document',
        complete: 0,
        completenessSum: 1.2,
      }),
      group({
        day: '2026-03-03',
        trips: 1,
        stage: null,
        stageSource: null,
        complete: 0,
        completenessSum: 0.5,
      }),
      group({ day: '2026-03-04', trips: 1, stageSource: 'manual', tonnes: 10 }),
    ],
    [
      { day: '2026-03-01', vehicles: 5 },
      { day: '2026-03-02', vehicles: 2 },
      { day: '2026-03-03', vehicles: 1 },
      { day: '2026-03-04', vehicles: 1 },
    ],
    ALERT,
  );

  it('rates completeness by passages with nothing missing, and averages their completeness', () => {
    expect(indicators.trips).toBe(10);
    expect(indicators.completeness.complete).toBe(7);
    expect(indicators.completeness.rate).toBeCloseTo(0.7);
    expect(indicators.completeness.average).toBeCloseTo((6 + 1.2 + 0.5 + 1) / 10);
  });

  it('shares stages by trips and tonnes through the statistics module, and counts the stage sources', () => {
    expect(indicators.stageShares.trips.counts.VI).toBe(7);
    expect(indicators.stageShares.trips.counts.V).toBe(2);
    expect(indicators.stageShares.trips.counts.unknown).toBe(1);
    expect(indicators.stageShares.tonnes.amounts.VI).toBe(6 * 30 + 10);
    expect(indicators.stageSources.counts).toEqual({
      'platform-query': 6,
      document: 2,
      manual: 1,
      inferred: 0,
      unknown: 1,
    });
    expect(indicators.stageSources.shares['platform-query']).toBeCloseTo(0.6);
  });

  it('averages daily vehicles over alert days and the other days, a day without passages counting zero', () => {
    expect(indicators.dailyVehicles).toEqual({
      alertDays: ['2026-03-03', '2026-03-04'],
      alertDayAverage: 1,
      otherDayCount: 2,
      otherDayAverage: 3.5,
    });
    const empty = enterpriseIndicators(PERIOD, [], [], []);
    expect(empty.completeness).toEqual({ rate: null, complete: 0, average: null });
    expect(empty.dailyVehicles.alertDayAverage).toBeNull();
    expect(empty.dailyVehicles.otherDayAverage).toBe(0);
  });
});
