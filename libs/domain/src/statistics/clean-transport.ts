import { isAtLeast } from '../emission';
import { isZeroEmissionFuel } from '../vehicle';
import { countableTonnes, inPeriod, type Period, type TripFact } from './trip';

/**
 * Clean transport (清洁运输):
 * - `new-energy`: no tailpipe — stage electric, or fuel electric or hydrogen;
 * - `v-plus`: new energy or 国V and above (国VI, VIa, VIb included);
 * - `vi-plus`: new energy or 国VI and above.
 * A hybrid counts by its engine's stage. A trip of unknown stage is never clean: it stays in the
 * denominator, so missing data cannot raise a ratio.
 */
export const CLEAN_TRANSPORT_DEFINITIONS = ['new-energy', 'v-plus', 'vi-plus'] as const;
export type CleanTransportDefinition = (typeof CLEAN_TRANSPORT_DEFINITIONS)[number];

const isNewEnergy = (trip: TripFact): boolean =>
  trip.stage === 'electric' || (trip.fuel !== undefined && isZeroEmissionFuel(trip.fuel));

export function isCleanTrip(trip: TripFact, definition: CleanTransportDefinition): boolean {
  if (isNewEnergy(trip)) return true;
  if (trip.stage === undefined) return false;
  switch (definition) {
    case 'new-energy':
      return false;
    case 'v-plus':
      return isAtLeast(trip.stage, 'V');
    case 'vi-plus':
      return isAtLeast(trip.stage, 'VI');
  }
}

export interface Ratio {
  readonly clean: number;
  readonly total: number;
  /** Undefined when there is nothing to divide by. */
  readonly ratio: number | undefined;
}

export interface CleanTransportRatio {
  readonly definition: CleanTransportDefinition;
  readonly byTrips: Ratio;
  /** Over the trips with a quantity. */
  readonly byTonnes: Ratio;
}

const ratio = (clean: number, total: number): Ratio => ({
  clean,
  total,
  ratio: total === 0 ? undefined : clean / total,
});

export function cleanTransportRatio(
  trips: readonly TripFact[],
  period: Period,
  definition: CleanTransportDefinition,
): CleanTransportRatio {
  let cleanTrips = 0;
  let allTrips = 0;
  let cleanTonnes = 0;
  let allTonnes = 0;
  for (const trip of trips) {
    if (!inPeriod(trip, period)) continue;
    const clean = isCleanTrip(trip, definition);
    const tonnes = countableTonnes(trip) ?? 0;
    allTrips += 1;
    allTonnes += tonnes;
    if (clean) {
      cleanTrips += 1;
      cleanTonnes += tonnes;
    }
  }
  return { definition, byTrips: ratio(cleanTrips, allTrips), byTonnes: ratio(cleanTonnes, allTonnes) };
}
