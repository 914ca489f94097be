import { type paths } from '../api/generated/schema';

export const FILINGS = '/api/video-archive/v1/enterprises/{enterpriseId}/outage-filings';
export const DEVICES = '/api/camera-ingest/v1/enterprises/{enterpriseId}/devices';

export type Filing = paths[typeof FILINGS]['get']['responses'][200]['content']['application/json'][number];
export type FilingRequest = paths[typeof FILINGS]['post']['requestBody']['content']['application/json'];
type Device = paths[typeof DEVICES]['get']['responses'][200]['content']['application/json'][number];

/** Where a filing stands now: its window not begun, under way, or over. */
export type FilingPhase = 'upcoming' | 'active' | 'past';
export const FILING_PHASES: readonly FilingPhase[] = ['upcoming', 'active', 'past'];

export function filingPhase(filing: Pick<Filing, 'from' | 'to'>, now: Date): FilingPhase {
  if (Date.parse(filing.from) > now.getTime()) return 'upcoming';
  return Date.parse(filing.to) > now.getTime() ? 'active' : 'past';
}

/** The page's filters (from the URL): a camera and a phase; newest window first. */
export function visibleFilings(
  filings: readonly Filing[],
  filter: { readonly camera?: string; readonly phase?: string },
  now: Date,
): Filing[] {
  return filings
    .filter(
      (f) =>
        (!filter.camera || f.cameraId === filter.camera) &&
        (!filter.phase || filingPhase(f, now) === filter.phase),
    )
    .sort((a, b) => Date.parse(b.from) - Date.parse(a.from));
}

/** The registry's ids (`idSchema`). */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface FilingDraft {
  readonly cameraId?: string;
  /** ISO instants with offset. */
  readonly from?: string;
  readonly to?: string;
  readonly reason?: string;
}

/** Why a draft cannot be filed, per field, as the archive would refuse it (the length limit is its own). */
export type FilingProblem = 'camera' | 'window' | 'not-in-advance' | 'order' | 'reason' | 'reason-long';

export function checkFiling(
  draft: FilingDraft,
  now: Date,
):
  | { readonly request: FilingRequest }
  | { readonly problems: Partial<Record<keyof FilingDraft, FilingProblem>> } {
  const problems: Partial<Record<keyof FilingDraft, FilingProblem>> = {};
  const cameraId = draft.cameraId?.trim() ?? '';
  if (!ID_PATTERN.test(cameraId)) problems.cameraId = 'camera';
  if (!draft.from || !draft.to) problems.from = 'window';
  else if (Date.parse(draft.from) <= now.getTime()) problems.from = 'not-in-advance';
  else if (Date.parse(draft.to) <= Date.parse(draft.from)) problems.to = 'order';
  const reason = draft.reason?.trim() ?? '';
  if (!reason) problems.reason = 'reason';
  else if (reason.length > 500) problems.reason = 'reason-long';
  if (Object.keys(problems).length > 0 || !draft.from || !draft.to) return { problems };
  return { request: { cameraId, from: draft.from, to: draft.to, reason } };
}

/** Cameras to file for: the registry's cameras, by name. */
export const cameraChoices = (devices: readonly Device[] | undefined) =>
  (devices ?? [])
    .filter((d) => d.kind !== 'barrier' && d.kind !== 'display')
    .map((d) => ({ value: d.id, label: `${d.name} (${d.id})` }));
