import { type EmissionStage } from '../emission';
import { type Fuel } from '../vehicle';
import { cleanTransportRatio, isCleanTrip, type CleanTransportDefinition } from './clean-transport';
import { type Period, type TripFact } from './trip';

const PERIOD: Period = { from: new Date('2024-01-01T00:00:00Z'), until: new Date('2025-01-01T00:00:00Z') };
const AT = new Date('2024-06-01T00:00:00Z');

describe('isCleanTrip: definitions', () => {
  it.each<[EmissionStage | undefined, Fuel | undefined, boolean, boolean, boolean]>([
    // stage, fuel → new-energy, v-plus, vi-plus
    ['electric', 'electric', true, true, true],
    [undefined, 'hydrogen', true, true, true],
    [undefined, 'electric', true, true, true],
    ['VIb', 'diesel', false, true, true],
    ['VI', 'natural-gas', false, true, true],
    ['VIa', 'hybrid', false, true, true],
    ['V', 'diesel', false, true, false],
    ['V', 'hybrid', false, true, false],
    ['IV', 'diesel', false, false, false],
    [undefined, 'diesel', false, false, false],
    [undefined, undefined, false, false, false],
  ])('%p on %p: new-energy %s, v-plus %s, vi-plus %s', (stage, fuel, newEnergy, vPlus, viPlus) => {
    const trip: TripFact = { at: AT, ...(stage ? { stage } : {}), ...(fuel ? { fuel } : {}) };
    const verdicts = (['new-energy', 'v-plus', 'vi-plus'] as CleanTransportDefinition[]).map((d) =>
      isCleanTrip(trip, d),
    );
    expect(verdicts).toEqual([newEnergy, vPlus, viPlus]);
  });
});

describe('cleanTransportRatio', () => {
  const trips: TripFact[] = [
    { at: AT, stage: 'VIb', tonnes: 30 },
    { at: AT, stage: 'V', tonnes: 30 },
    { at: AT, stage: 'IV', tonnes: 40 },
    { at: AT }, // unknown stage: in the denominator, never clean
    { at: new Date('2023-12-31T23:59:59Z'), stage: 'VIb', tonnes: 100 }, // outside
  ];

  it.each<[CleanTransportDefinition, number, number]>([
    ['vi-plus', 1 / 4, 30 / 100],
    ['v-plus', 2 / 4, 60 / 100],
    ['new-energy', 0, 0],
  ])('%s: by trips %d, by tonnes %d', (definition, byTrips, byTonnes) => {
    const result = cleanTransportRatio(trips, PERIOD, definition);
    expect(result.byTrips.ratio).toBeCloseTo(byTrips, 10);
    expect(result.byTonnes.ratio).toBeCloseTo(byTonnes, 10);
    expect(result.byTrips.total).toBe(4);
  });

  it('has no ratio without trips or tonnes', () => {
    expect(cleanTransportRatio([], PERIOD, 'v-plus')).toEqual({
      definition: 'v-plus',
      byTrips: { clean: 0, total: 0, ratio: undefined },
      byTonnes: { clean: 0, total: 0, ratio: undefined },
    });
  });
});
