import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Ledgers are kept in China Standard Time whatever the browser's zone (inspectors compare them with video). */
export const ZONE = 'Asia/Shanghai';

export const inZone = (instant: string | Date | Dayjs): Dayjs => dayjs(instant).tz(ZONE);

export const formatInstant = (instant: string | Date | null | undefined): string =>
  instant ? inZone(instant).format('YYYY-MM-DD HH:mm:ss') : '—';

/** A local date (YYYY-MM-DD) in Shanghai. */
export const localDate = (instant: string | Date | Dayjs = new Date()): string =>
  inZone(instant).format('YYYY-MM-DD');

/** Shanghai midnight of a local date as an ISO instant with its offset. */
export const startOfLocalDay = (date: string): string => `${date}T00:00:00+08:00`;

/** The local date `days` before `date` (no daylight saving in Shanghai). */
export const daysBefore = (date: string, days: number): string =>
  dayjs.tz(date, ZONE).subtract(days, 'day').format('YYYY-MM-DD');
