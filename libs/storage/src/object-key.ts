import { InvalidObjectKeyError } from './storage-errors';

export interface ObjectKeyParts {
  readonly enterpriseId: string;
  readonly siteId: string;
  /** The capture instant; the date folders are taken in `timeZone`. */
  readonly date: Date;
  /** What the object is: `plate`, `snapshot`, `vehicle-licence`, `segment`... */
  readonly kind: string;
  /** Lower-case hex SHA-256 of the content: the same bytes always get the same key. */
  readonly sha256: string;
  /** Without the dot: `jpg`, `mp4`. */
  readonly ext: string;
}

export interface ObjectKeyOptions {
  /** IANA zone of the date folders; a site's zone keeps one local day in one folder. Default UTC. */
  readonly timeZone?: string;
}

// Each segment is a single path element: no slash, no dot, so no `..` and no empty segment.
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const KIND = /^[a-z][a-z0-9-]{0,31}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const EXT = /^[a-z0-9]{1,8}$/;

/** `enterprise/site/yyyy/MM/dd/kind/<sha256>.ext`, every segment validated. */
export function objectKey(parts: ObjectKeyParts, options: ObjectKeyOptions = {}): string {
  const enterprise = segment('enterpriseId', parts.enterpriseId, ID, '1-64 letters, digits, _ or -');
  const site = segment('siteId', parts.siteId, ID, '1-64 letters, digits, _ or -');
  const kind = segment('kind', parts.kind, KIND, 'lower-case letters, digits or -, starting with a letter');
  const sha256 = segment('sha256', parts.sha256, SHA256, '64 lower-case hex digits');
  const ext = segment('ext', parts.ext, EXT, '1-8 lower-case letters or digits, without the dot');
  return `${enterprise}/${site}/${datePath(parts.date, options.timeZone ?? 'UTC')}/${kind}/${sha256}.${ext}`;
}

/** The prefix of an enterprise's objects, optionally one site's, optionally one day's (for list and lifecycle). */
export function objectKeyPrefix(
  scope: { readonly enterpriseId: string; readonly siteId?: string; readonly date?: Date },
  options: ObjectKeyOptions = {},
): string {
  let prefix = `${segment('enterpriseId', scope.enterpriseId, ID, '1-64 letters, digits, _ or -')}/`;
  if (scope.siteId === undefined) {
    if (scope.date !== undefined) throw new InvalidObjectKeyError('A date prefix needs a siteId');
    return prefix;
  }
  prefix += `${segment('siteId', scope.siteId, ID, '1-64 letters, digits, _ or -')}/`;
  return scope.date === undefined ? prefix : `${prefix}${datePath(scope.date, options.timeZone ?? 'UTC')}/`;
}

export interface ParsedObjectKey {
  readonly enterpriseId: string;
  readonly siteId: string;
  /** `yyyy-MM-dd` of the date folders. */
  readonly day: string;
  readonly kind: string;
  readonly sha256: string;
  readonly ext: string;
}

const KEY =
  /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/(\d{4})\/(\d{2})\/(\d{2})\/([a-z][a-z0-9-]{0,31})\/([0-9a-f]{64})\.([a-z0-9]{1,8})$/;

/** The parts of a key built by `objectKey`, or `null` for any other key. */
export function parseObjectKey(key: string): ParsedObjectKey | null {
  const match = KEY.exec(key);
  if (!match) return null;
  const [, enterpriseId = '', siteId = '', yyyy, mm, dd, kind = '', sha256 = '', ext = ''] = match;
  return { enterpriseId, siteId, day: `${yyyy}-${mm}-${dd}`, kind, sha256, ext };
}

function segment(name: string, value: unknown, pattern: RegExp, expected: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
    throw new InvalidObjectKeyError(`Invalid ${name} ${shown} in object key: expected ${expected}`);
  }
  return value;
}

function datePath(date: Date, timeZone: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new InvalidObjectKeyError('Invalid date in object key');
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(date);
  } catch (error) {
    throw new InvalidObjectKeyError(
      `Invalid time zone ${JSON.stringify(timeZone)} for object key: ${String(error)}`,
    );
  }
  const pick = (type: 'year' | 'month' | 'day'): string => parts.find((p) => p.type === type)?.value ?? '';
  const year = pick('year');
  if (!/^\d{4}$/.test(year))
    throw new InvalidObjectKeyError(`Date ${date.toISOString()} is outside years 0000-9999`);
  return `${year}/${pick('month')}/${pick('day')}`;
}
