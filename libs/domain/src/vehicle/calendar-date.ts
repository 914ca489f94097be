/**
 * Calendar dates on documents (registration, production) as ISO `YYYY-MM-DD` strings: they compare
 * correctly as strings and carry no time zone. Instants become site dates only with an offset.
 */
export type IsoDate = string;

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MINUTES = 480;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Wall-clock fields of an instant at a fixed UTC offset. */
export interface SiteDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function siteDateTimeOf(instant: Date, offsetMinutes: number = SHANGHAI_OFFSET_MINUTES): SiteDateTime {
  const shifted = new Date(instant.getTime() + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The site's calendar date of an instant, e.g. 2024-01-01T16:30Z → `2024-01-02` in Shanghai. */
export function siteDateOf(instant: Date, offsetMinutes: number = SHANGHAI_OFFSET_MINUTES): IsoDate {
  const { year, month, day } = siteDateTimeOf(instant, offsetMinutes);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export const isValidInstant = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());
