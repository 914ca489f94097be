import { type GateEvent } from '../ledger/passage-pairing';
import { type IsoDate, SHANGHAI_OFFSET_MINUTES, siteDateOf } from '../vehicle/calendar-date';

/**
 * Anti-evasion anomalies around loading areas (domain.md §1; rules: docs/loading-areas.md). Each
 * names the ledger rows it rests on, or the window searched in vain, so a person can check it.
 */
export type LoadingAreaAnomalyKind =
  | 'seen-without-entry'
  | 'entry-without-exit'
  | 'exit-without-entry'
  | 'refused-seen-inside'
  | 'below-minimum-stage-during-alert';

/** A plate a loading-area camera read, at an instant. */
export interface Sighting {
  readonly id: string;
  /** Normalised plate text: sightings match gate rows by exact plate. */
  readonly plate: string;
  readonly at: Date;
}

/** A vehicle the gate refused (a refused attempt in the ledger). */
export interface Refusal {
  readonly id: string;
  readonly plate: string;
  readonly at: Date;
}

export interface LoadingAreaAnomaly {
  readonly kind: LoadingAreaAnomalyKind;
  /**
   * What makes it one anomaly, with the kind: a truck seen on frame after frame the same Beijing day
   * with the same gate history is one anomaly (its first sighting the evidence), not one per frame.
   */
  readonly key: string;
  readonly plate: string;
  /** When it happened: the sighting, the overdue entry's deadline, the lone exit. */
  readonly at: Date;
  readonly sightingId?: string;
  /** The gate rows it rests on (the overdue entry, the lone exit, the entry that explains nothing). */
  readonly passageIds: readonly string[];
  readonly refusalIds: readonly string[];
  /** The Beijing days searched for the row that is missing. */
  readonly searchedFrom?: IsoDate;
  /** One line for a person. */
  readonly reason: string;
}

const DAY_MS = 86_400_000;

/**
 * The start (a UTC instant) of the Beijing day before the one `at` falls on: how far back the
 * rules look for a gate row, so a vehicle that came in before midnight and stayed is still inside.
 */
export function lookbackStart(at: Date, offsetMinutes: number = SHANGHAI_OFFSET_MINUTES): Date {
  const offsetMs = offsetMinutes * 60_000;
  const dayStart = Math.floor((at.getTime() + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  return new Date(dayStart - DAY_MS);
}

/** The Beijing day a lookback starts on, for the anomaly's evidence. */
export const lookbackDay = (at: Date, offsetMinutes: number = SHANGHAI_OFFSET_MINUTES): IsoDate =>
  siteDateOf(lookbackStart(at, offsetMinutes), offsetMinutes);

/** Gate rows in time order, entries before exits at one instant (as `pairPassages` pairs them). */
export const byGateTime = (a: GateEvent, b: GateEvent): number =>
  a.at.getTime() - b.at.getTime() || (a.direction === b.direction ? 0 : a.direction === 'entry' ? -1 : 1);
