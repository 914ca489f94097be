import dayjs, { type Dayjs } from 'dayjs';
import { inZone, ZONE } from './time';

/** An instant as URLs and the APIs take it: Shanghai wall-clock with its offset, to the second. */
export const zonedInstant = (instant: string | number | Date): string =>
  inZone(dayjs(instant)).format('YYYY-MM-DDTHH:mm:ssZ');

/**
 * Ant Design's pickers work in the browser's zone; the console's times are Shanghai's. A picker
 * shows an instant's Shanghai wall-clock, and what a person picks is read as Shanghai wall-clock.
 */
export const pickerValue = (instant: string | number | Date): Dayjs =>
  dayjs(inZone(dayjs(instant)).format('YYYY-MM-DDTHH:mm:ss'));

export const fromPicker = (picked: Dayjs): string =>
  zonedInstant(dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), ZONE).toDate());
