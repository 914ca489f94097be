import { fuelShares, stageShares } from './shares';
import { type Period, type TripFact } from './trip';

const MARCH: Period = {
  from: new Date('2024-03-01T00:00:00+08:00'),
  until: new Date('2024-04-01T00:00:00+08:00'),
};
const trip = (day: number, fields: Omit<TripFact, 'at'>): TripFact => ({
  at: new Date(`2024-03-${String(day).padStart(2, '0')}T10:00:00+08:00`),
  ...fields,
});

describe('stage and fuel shares over a period (by trips and by tonnes)', () => {
  const trips: TripFact[] = [
    trip(1, { stage: 'VIa', fuel: 'diesel', tonnes: 30 }),
    trip(2, { stage: 'VIa', fuel: 'natural-gas', tonnes: 10 }),
    trip(3, { stage: 'IV', fuel: 'diesel', tonnes: 20 }),
    trip(4, { stage: 'electric', fuel: 'electric', tonnes: 40 }),
    trip(5, {}), // nobody determined stage, fuel or quantity
    { at: new Date('2024-04-01T00:00:00+08:00'), stage: 'III', tonnes: 99 }, // outside: periods are half-open
  ];

  it('counts trips per stage, unknown included', () => {
    const { trips: byTrips } = stageShares(trips, MARCH);
    expect(byTrips.total).toBe(5);
    expect(byTrips.counts).toMatchObject({ VIa: 2, IV: 1, electric: 1, unknown: 1, III: 0 });
    expect(byTrips.shares).toMatchObject({ VIa: 0.4, IV: 0.2, electric: 0.2, unknown: 0.2, III: 0 });
  });

  it('sums tonnes per stage and counts trips without a quantity', () => {
    const { tonnes } = stageShares(trips, MARCH);
    expect(tonnes.total).toBe(100);
    expect(tonnes.amounts).toMatchObject({ VIa: 40, IV: 20, electric: 40, unknown: 0 });
    expect(tonnes.shares).toMatchObject({ VIa: 0.4, IV: 0.2, electric: 0.4 });
    expect(tonnes.tripsWithoutTonnes).toBe(1);
  });

  it('does the same per fuel', () => {
    const shares = fuelShares(trips, MARCH);
    expect(shares.trips.counts).toMatchObject({ diesel: 2, 'natural-gas': 1, electric: 1, unknown: 1 });
    expect(shares.tonnes.amounts).toMatchObject({ diesel: 50, 'natural-gas': 10, electric: 40 });
  });

  it('leaves out quantities that are not quantities', () => {
    const odd = [trip(1, { stage: 'V', tonnes: -5 }), trip(2, { stage: 'V', tonnes: Number.NaN })];
    expect(stageShares(odd, MARCH).tonnes).toMatchObject({ total: 0, tripsWithoutTonnes: 2 });
  });

  it('gives zero shares, not NaN, for an empty period', () => {
    const empty = stageShares([], MARCH);
    expect(empty.trips.total).toBe(0);
    expect(Object.values(empty.trips.shares).every((share) => share === 0)).toBe(true);
    expect(Object.values(empty.tonnes.shares).every((share) => share === 0)).toBe(true);
  });
});
