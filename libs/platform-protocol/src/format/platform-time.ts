// Platforms read times as China Standard Time wall-clock text. UTC+8 has had no daylight saving
// since 1991, so a fixed offset equals Asia/Shanghai for every date the ledger can hold.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;

const two = (n: number): string => String(n).padStart(2, '0');

function chinaFields(instant: Date) {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  if (Number.isNaN(shifted.getTime())) throw new RangeError('invalid date');
  return {
    date: `${shifted.getUTCFullYear()}${two(shifted.getUTCMonth() + 1)}${two(shifted.getUTCDate())}`,
    time: `${two(shifted.getUTCHours())}${two(shifted.getUTCMinutes())}${two(shifted.getUTCSeconds())}`,
  };
}

/** `yyyyMMdd HHmmss` in China Standard Time (seconds truncated). */
export function formatPlatformDateTime(instant: Date): string {
  const { date, time } = chinaFields(instant);
  return `${date} ${time}`;
}

/** `yyyyMMdd` in China Standard Time. */
export const formatPlatformDate = (instant: Date): string => chinaFields(instant).date;

/** Builds the instant only when every field is in range (no 30 February rolling into March). */
function toInstant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | undefined {
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return new Date(utc - CHINA_OFFSET_MS);
}

/** Parses `yyyyMMdd HHmmss` (China Standard Time); `undefined` when the text or the calendar date is invalid. */
export function parsePlatformDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return toInstant(y, mo, d, h, mi, s);
}

/** Parses `yyyyMMdd` as midnight China Standard Time; `undefined` when invalid. */
export function parsePlatformDate(text: string): Date | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  return toInstant(y, mo, d);
}

/** Tonnes as the ledger's numeric(4,1) wants them: rounded half-up to 0.1 t. */
export const roundTonnes = (tonnes: number): number => Math.round(tonnes * 10) / 10;
