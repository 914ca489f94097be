import { EMISSION_STAGES, type EmissionStage } from '../emission';
import { FUELS, type Fuel } from '../vehicle';
import { countableTonnes, inPeriod, type Period, type TripFact } from './trip';

export type StageBucket = EmissionStage | 'unknown';
export type FuelBucket = Fuel | 'unknown';

export interface TripBreakdown<K extends string> {
  readonly total: number;
  readonly counts: Readonly<Record<K, number>>;
  /** Each count over the total; all zero when there are no trips. */
  readonly shares: Readonly<Record<K, number>>;
}

export interface TonneBreakdown<K extends string> {
  readonly total: number;
  readonly amounts: Readonly<Record<K, number>>;
  readonly shares: Readonly<Record<K, number>>;
  /** Trips left out of the tonne figures because their quantity is missing or not a quantity. */
  readonly tripsWithoutTonnes: number;
}

export interface Breakdown<K extends string> {
  readonly trips: TripBreakdown<K>;
  readonly tonnes: TonneBreakdown<K>;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

const sharesOf = <K extends string>(
  keys: readonly K[],
  values: Record<K, number>,
  total: number,
): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, total === 0 ? 0 : values[key] / total])) as Record<K, number>;

function breakdown<K extends string>(
  trips: readonly TripFact[],
  period: Period,
  keys: readonly K[],
  keyOf: (trip: TripFact) => K,
): Breakdown<K> {
  const counts = zeros(keys);
  const amounts = zeros(keys);
  let tripTotal = 0;
  let tonneTotal = 0;
  let tripsWithoutTonnes = 0;
  for (const trip of trips) {
    if (!inPeriod(trip, period)) continue;
    const key = keyOf(trip);
    counts[key] += 1;
    tripTotal += 1;
    const tonnes = countableTonnes(trip);
    if (tonnes === undefined) {
      tripsWithoutTonnes += 1;
    } else {
      amounts[key] += tonnes;
      tonneTotal += tonnes;
    }
  }
  return {
    trips: { total: tripTotal, counts, shares: sharesOf(keys, counts, tripTotal) },
    tonnes: { total: tonneTotal, amounts, shares: sharesOf(keys, amounts, tonneTotal), tripsWithoutTonnes },
  };
}

const STAGE_BUCKETS: readonly StageBucket[] = [...EMISSION_STAGES, 'unknown'];
const FUEL_BUCKETS: readonly FuelBucket[] = [...FUELS, 'unknown'];

/** Share of trips and tonnes per emission stage (inspectors check it, domain.md §1 and §6). */
export const stageShares = (trips: readonly TripFact[], period: Period): Breakdown<StageBucket> =>
  breakdown(trips, period, STAGE_BUCKETS, (trip) => trip.stage ?? 'unknown');

/** Share of trips and tonnes per fuel. */
export const fuelShares = (trips: readonly TripFact[], period: Period): Breakdown<FuelBucket> =>
  breakdown(trips, period, FUEL_BUCKETS, (trip) => trip.fuel ?? 'unknown');
