import { type EmissionStage } from '../emission';
import { type Fuel } from '../vehicle';

/**
 * One cargo trip as statistics count it: a transport-ledger passage, timed by its entry (or its
 * exit when the entry was missed). Stage and fuel are unknown when nobody determined them.
 */
export interface TripFact {
  readonly at: Date;
  readonly stage?: EmissionStage;
  readonly fuel?: Fuel;
  readonly tonnes?: number;
}

/** A half-open period [from, until). */
export interface Period {
  readonly from: Date;
  readonly until: Date;
}

export const inPeriod = (trip: TripFact, period: Period): boolean =>
  period.from.getTime() <= trip.at.getTime() && trip.at.getTime() < period.until.getTime();

/** Tonnes that can be summed: a finite, non-negative quantity. */
export const countableTonnes = (trip: TripFact): number | undefined =>
  trip.tonnes !== undefined && Number.isFinite(trip.tonnes) && trip.tonnes >= 0 ? trip.tonnes : undefined;
