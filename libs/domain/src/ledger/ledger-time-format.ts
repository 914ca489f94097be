import { isIsoDate, SHANGHAI_OFFSET_MINUTES, siteDateTimeOf, type IsoDate } from '../vehicle';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * `yyyyMMdd HHmmss` in the site's time zone (domain.md §2). The offset is fixed: Asia/Shanghai is
 * UTC+8 without daylight saving. Returns undefined for an invalid instant.
 */
export function formatLedgerTimestamp(
  instant: Date,
  offsetMinutes: number = SHANGHAI_OFFSET_MINUTES,
): string | undefined {
  if (Number.isNaN(instant.getTime())) return undefined;
  const t = siteDateTimeOf(instant, offsetMinutes);
  return `${pad(t.year, 4)}${pad(t.month, 2)}${pad(t.day, 2)} ${pad(t.hour, 2)}${pad(t.minute, 2)}${pad(t.second, 2)}`;
}

/** `yyyyMMdd` from a document date; undefined when it is not a valid `YYYY-MM-DD`. */
export const formatLedgerDate = (date: IsoDate): string | undefined =>
  isIsoDate(date) ? date.replaceAll('-', '') : undefined;
