import { type paths } from '../api/generated/schema';
import { daysBefore, startOfLocalDay } from '../shared/time';
import { readPassageFilters } from './passage-filters';

type List = paths['/api/ledger/v1/enterprises/{enterpriseId}/refused-attempts']['get'];
export type RefusedAttemptsQuery = NonNullable<List['parameters']['query']>;
/** A page of 拦截记录 as the ledger answers it. */
export type RefusedAttemptPage = List['responses'][200]['content']['application/json'];
/** One refused attempt (a barrier decision that was not a passage). */
export type RefusedAttemptRow = RefusedAttemptPage['items'][number];

export const REFUSED_KEY = 'refused-attempts';

/** The two views of 运输车辆台账, as the URL's `view` names them (`passages` when absent). */
export const VIEWS = ['passages', 'refused'] as const;
export type LedgerView = (typeof VIEWS)[number];
export const viewOf = (value: string | undefined): LedgerView =>
  value === 'refused' ? 'refused' : 'passages';

/** Every filter of the refused view, as its URL names it (a shared link opens the same view). */
export const REFUSED_URL_KEYS = ['view', 'from', 'to', 'plate', 'gate', 'manual', 'cursor', 'size'] as const;
export type RefusedUrlKey = (typeof REFUSED_URL_KEYS)[number];
export type RefusedUrlState = Readonly<Partial<Record<RefusedUrlKey, string>>>;

/** 拦截方式: by a person (`yes`) or by barrier control itself (`no`). */
export const REFUSED_MANUAL = ['yes', 'no'] as const;

export interface RefusedFilters {
  /** Local days (Asia/Shanghai), `to` inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly plate?: string;
  readonly gate?: string;
  readonly manual?: (typeof REFUSED_MANUAL)[number];
}

/** The URL's filters, each checked as the passages' are: a value a hand-edited link got wrong is dropped. */
export function readRefusedFilters(url: RefusedUrlState): RefusedFilters {
  const { from, to, plate, gate, manual } = readPassageFilters(url);
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(plate ? { plate } : {}),
    ...(gate ? { gate } : {}),
    ...(manual ? { manual } : {}),
  };
}

/** What the URL holds for these filters (the view kept): empty ones remove their parameter, a new search starts on its first page. */
export function refusedFiltersToUrl(filters: RefusedFilters): Record<RefusedUrlKey, string | undefined> {
  return {
    view: 'refused',
    from: filters.from,
    to: filters.to,
    plate: filters.plate,
    gate: filters.gate,
    manual: filters.manual,
    cursor: undefined,
    size: undefined,
  };
}

/**
 * The URL of the other view: the time range, plate and gate go along (the same truck in the other
 * list), the page size too; the cursor and the filters only one view has do not.
 */
export function switchView(current: URLSearchParams, view: LedgerView): URLSearchParams {
  const next = new URLSearchParams();
  if (view === 'refused') next.set('view', 'refused');
  for (const key of ['from', 'to', 'plate', 'gate', 'size']) {
    const value = current.get(key);
    if (value) next.set(key, value);
  }
  return next;
}

/** The service's query for the filters, the page's cursor and size. */
export function toRefusedQuery(
  filters: RefusedFilters,
  cursor: string | undefined,
  size: number,
): RefusedAttemptsQuery {
  return {
    ...(filters.from ? { from: startOfLocalDay(filters.from) } : {}),
    // `to` is exclusive at the service: the day after the last day shown (no DST in Shanghai).
    ...(filters.to ? { to: startOfLocalDay(daysBefore(filters.to, -1)) } : {}),
    ...(filters.plate ? { plate: filters.plate } : {}),
    ...(filters.gate ? { gateId: filters.gate } : {}),
    ...(filters.manual ? { manual: filters.manual === 'yes' ? ('true' as const) : ('false' as const) } : {}),
    ...(cursor ? { cursor } : {}),
    limit: size,
  };
}

/** Where the browser loads a refused attempt's scene photo: the ledger answers 302 to a short-lived link. */
export const decisionPhotoUrl = (
  enterpriseId: string,
  decisionId: string,
  kind: 'scene' | 'plate' = 'scene',
) =>
  `/api/ledger/v1/enterprises/${encodeURIComponent(enterpriseId)}/decisions/${encodeURIComponent(decisionId)}/photos/${kind}`;
