import { dailyAverages, type SiteDay } from './daily-averages';
import { type TripFact } from './trip';

const tripsOn = (date: string, count: number, time = '10:00:00'): TripFact[] =>
  Array.from({ length: count }, () => ({ at: new Date(`${date}T${time}+08:00`) }));

describe('daily averages on alert days vs normal days (domain.md §6)', () => {
  const days: SiteDay[] = [
    { date: '2024-12-01', level: 'none' },
    { date: '2024-12-02', level: 'none' },
    { date: '2024-12-03', level: 'none' }, // no trips at all: still a day
    { date: '2024-12-04', level: 'orange' },
    { date: '2024-12-05', level: 'yellow' },
  ];
  const trips = [
    ...tripsOn('2024-12-01', 40),
    ...tripsOn('2024-12-02', 50),
    ...tripsOn('2024-12-04', 6),
    ...tripsOn('2024-12-05', 14),
    ...tripsOn('2024-12-09', 99), // not a listed day
  ];

  it('averages over the listed days, counting days without trips', () => {
    expect(dailyAverages(trips, days)).toEqual({
      alert: { days: 2, trips: 20, average: 10 },
      normal: { days: 3, trips: 90, average: 30 },
      reduction: 1 - 10 / 30,
    });
  });

  it('counts only orange and above as alert days when told so', () => {
    const result = dailyAverages(trips, days, { alertFrom: 'orange' });
    expect(result.alert).toEqual({ days: 1, trips: 6, average: 6 });
    expect(result.normal).toEqual({ days: 4, trips: 104, average: 26 });
  });

  it('buckets trips by the site’s calendar day', () => {
    const lateNight = [{ at: new Date('2024-12-03T16:30:00Z') }]; // 00:30 on the 4th in Shanghai
    expect(dailyAverages(lateNight, days).alert.trips).toBe(1);
    expect(dailyAverages(lateNight, days, { offsetMinutes: 0 }).normal.trips).toBe(1);
  });

  it('counts a day listed twice once, at its highest level', () => {
    const twice: SiteDay[] = [
      { date: '2024-12-04', level: 'red' },
      { date: '2024-12-04', level: 'none' },
      { date: '2024-12-05', level: 'none' },
      { date: '2024-12-05', level: 'yellow' },
    ];
    expect(dailyAverages([], twice).alert.days).toBe(2);
  });

  it.each<[string, SiteDay[], TripFact[]]>([
    ['no alert days', [{ date: '2024-12-01', level: 'none' }], tripsOn('2024-12-01', 3)],
    ['no normal days', [{ date: '2024-12-04', level: 'red' }], tripsOn('2024-12-04', 3)],
    [
      'no traffic on normal days',
      [
        { date: '2024-12-01', level: 'none' },
        { date: '2024-12-04', level: 'red' },
      ],
      [],
    ],
  ])('has no reduction with %s', (_case, someDays, someTrips) => {
    expect(dailyAverages(someTrips, someDays).reduction).toBeUndefined();
  });
});
