import { compareAlertLevels, type AlertLevel } from '../alert';
import { SHANGHAI_OFFSET_MINUTES, siteDateOf, type IsoDate } from '../vehicle';
import { type TripFact } from './trip';

/** A site calendar day and the highest alert level in force on it. */
export interface SiteDay {
  readonly date: IsoDate;
  readonly level: AlertLevel;
}

export interface DayGroup {
  readonly days: number;
  readonly trips: number;
  /** Trips per day, counting days without trips; undefined without days. */
  readonly average: number | undefined;
}

export interface DailyAverages {
  readonly alert: DayGroup;
  readonly normal: DayGroup;
  /** 1 − alert average / normal average: the share of traffic the alerts removed. */
  readonly reduction: number | undefined;
}

export interface DailyAverageOptions {
  readonly offsetMinutes?: number;
  /** The mildest level that makes an alert day; blue by default (any alert). */
  readonly alertFrom?: Exclude<AlertLevel, 'none'>;
}

/**
 * Average daily trips on alert days vs normal days, as inspectors compare them (domain.md §6).
 * The days given define the period; trips on other days are ignored. A day listed twice counts
 * once, at its highest level.
 */
export function dailyAverages(
  trips: readonly TripFact[],
  days: readonly SiteDay[],
  options: DailyAverageOptions = {},
): DailyAverages {
  const offset = options.offsetMinutes ?? SHANGHAI_OFFSET_MINUTES;
  const alertFrom = options.alertFrom ?? 'blue';
  const levelOf = new Map<IsoDate, AlertLevel>();
  for (const day of days) {
    const known = levelOf.get(day.date);
    if (known === undefined || compareAlertLevels(day.level, known) > 0) levelOf.set(day.date, day.level);
  }
  const isAlertDay = (level: AlertLevel): boolean => compareAlertLevels(level, alertFrom) >= 0;

  const tally = { alert: { days: 0, trips: 0 }, normal: { days: 0, trips: 0 } };
  for (const level of levelOf.values()) tally[isAlertDay(level) ? 'alert' : 'normal'].days += 1;
  for (const trip of trips) {
    const level = levelOf.get(siteDateOf(trip.at, offset));
    if (level !== undefined) tally[isAlertDay(level) ? 'alert' : 'normal'].trips += 1;
  }
  const group = ({ days: count, trips: total }: { days: number; trips: number }): DayGroup => ({
    days: count,
    trips: total,
    average: count === 0 ? undefined : total / count,
  });
  const alert = group(tally.alert);
  const normal = group(tally.normal);
  const reduction =
    alert.average === undefined || normal.average === undefined || normal.average === 0
      ? undefined
      : 1 - alert.average / normal.average;
  return { alert, normal, reduction };
}
