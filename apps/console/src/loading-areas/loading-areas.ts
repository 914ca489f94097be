import { type paths } from '../api/generated/schema';
import { daysBefore, localDate, startOfLocalDay } from '../shared/time';
import { zonedInstant } from '../shared/zoned-picker';
import { type TimeWindow } from '../video/time-window';

export const ANOMALIES = '/api/ledger/v1/enterprises/{enterpriseId}/loading-area-anomalies';
export const SIGHTINGS = '/api/ledger/v1/enterprises/{enterpriseId}/loading-area-sightings';

type AnomalyList = paths[typeof ANOMALIES]['get'];
type SightingList = paths[typeof SIGHTINGS]['get'];
export type AnomaliesQuery = AnomalyList['parameters']['query'];
export type SightingsQuery = SightingList['parameters']['query'];
export type Anomaly = AnomalyList['responses'][200]['content']['application/json']['items'][number];
export type AnomalyKind = Anomaly['kind'];
export type Sighting = SightingList['responses'][200]['content']['application/json']['items'][number];

/** The kinds in the order the filter offers them (every kind the ledger knows: the record checks it). */
const KIND_SET: Record<AnomalyKind, true> = {
  'seen-without-entry': true,
  'refused-seen-inside': true,
  'below-minimum-stage-during-alert': true,
  'entry-without-exit': true,
  'exit-without-entry': true,
};
export const ANOMALY_KINDS = Object.keys(KIND_SET) as AnomalyKind[];
const isKind = (value: string | undefined): value is AnomalyKind =>
  value !== undefined && Object.hasOwn(KIND_SET, value);

/** The most rows a list asks for; more in the period and the ledger says `truncated`. */
export const LIST_LIMIT = 200;
/** Days a page shows when the URL names no period: the last week, today included. */
export const DEFAULT_DAYS = 7;

/** The URL's filters of the anomalies page (`from`, `to`: Shanghai days, `to` inclusive). */
export const ANOMALY_URL_KEYS = ['from', 'to', 'kind'] as const;
export const SIGHTING_URL_KEYS = ['from', 'to', 'plate'] as const;
type UrlState<K extends string> = Readonly<Partial<Record<K, string>>>;

export interface Period {
  readonly from: string;
  readonly to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string | undefined): string | undefined =>
  value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;

/**
 * The period a URL names: its days when they are days (a hand-edited link's other values are
 * dropped), the last week otherwise; a reversed pair is read in order.
 */
export function readPeriod(url: UrlState<'from' | 'to'>, today = localDate()): Period {
  const to = validDay(url.to) ?? today;
  const from = validDay(url.from) ?? daysBefore(to, DEFAULT_DAYS - 1);
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The ledger's `[from, to)` for a period of days: Shanghai midnights, the day after the last one. */
const instants = (period: Period) => ({
  from: startOfLocalDay(period.from),
  to: startOfLocalDay(daysBefore(period.to, -1)),
});

export function toAnomaliesQuery(url: UrlState<(typeof ANOMALY_URL_KEYS)[number]>, today?: string) {
  const query: AnomaliesQuery = { ...instants(readPeriod(url, today)), limit: LIST_LIMIT };
  return isKind(url.kind) ? { ...query, kind: url.kind } : query;
}

export function toSightingsQuery(url: UrlState<(typeof SIGHTING_URL_KEYS)[number]>, today?: string) {
  const query: SightingsQuery = { ...instants(readPeriod(url, today)), limit: LIST_LIMIT };
  const plate = url.plate?.trim().toUpperCase();
  return plate ? { ...query, plate } : query;
}

export const kindOf = (url: UrlState<'kind'>): AnomalyKind | undefined =>
  isKind(url.kind) ? url.kind : undefined;

/**
 * Where the browser loads a sighting's frame (`scene`) or plate crop (`plate`): the ledger answers
 * 302 to a short-lived link, the `<img>` request carries the session cookie.
 */
export const sightingPhotoUrl = (enterpriseId: string, sightingId: string, kind: 'scene' | 'plate') =>
  `/api/ledger/v1/enterprises/${encodeURIComponent(enterpriseId)}/loading-area-sightings/${encodeURIComponent(sightingId)}/photos/${kind}`;

/** The anomaly's clip as the video archive's playlist takes it (Shanghai offsets, as the video page's links). */
export const clipWindow = (clip: { from: string; to: string }): TimeWindow => ({
  from: zonedInstant(clip.from),
  to: zonedInstant(clip.to),
});

/**
 * The refused view of 运输车辆台账 for the plate over the days the anomaly's search covered: the
 * refusals it rests on are there (they have no page of their own).
 */
export function refusalsLink(enterpriseId: string, anomaly: Anomaly): string {
  const to = localDate(anomaly.at);
  const from = anomaly.evidence.searchedFrom ?? to;
  const query = new URLSearchParams({ view: 'refused', plate: anomaly.plate, from, to });
  return `/e/${encodeURIComponent(enterpriseId)}/passages?${query.toString()}`;
}
