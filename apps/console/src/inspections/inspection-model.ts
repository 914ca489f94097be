import { type paths } from '../api/generated/schema';
import { inZone } from '../shared/time';

const E = '/api/ledger/v1/enterprises/{enterpriseId}';
export const ROUTES = {
  start: `${E}/inspections`,
  one: `${E}/inspections/{inspectionId}`,
  item: `${E}/inspections/{inspectionId}/items/{itemId}`,
  close: `${E}/inspections/{inspectionId}/close`,
  indicators: `${E}/inspections/{inspectionId}/indicators`,
  verify: `${E}/chain/verify`,
} as const;

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
export type Inspection = Json<paths[typeof ROUTES.one]['get']['responses'][200]>;
export type StartBody = paths[typeof ROUTES.start]['post']['requestBody']['content']['application/json'];
export type MarkBody = paths[typeof ROUTES.item]['put']['requestBody']['content']['application/json'];
export type Indicators = Json<paths[typeof ROUTES.indicators]['get']['responses'][200]>;
export type Verification = Json<paths[typeof ROUTES.verify]['get']['responses'][200]>;
export type Finding = Verification['findings'][number];
export type FindingKind = Finding['kind'];
export type SampledPassage = Inspection['passages'][number];
export type SampledWindow = Inspection['windows'][number];
export type Verdict = NonNullable<SampledPassage['verdict']>;
type Evidence = NonNullable<SampledPassage['passage']>;

/** Every kind `verify` may name, in the order docs/ledger.md explains them. */
export const FINDING_KINDS: readonly FindingKind[] = [
  'record-altered',
  'record-deleted',
  'record-inserted',
  'entry-altered',
  'entry-deleted',
  'chain-rewritten',
  'root-forged',
];

/** The service's defaults (docs/ledger.md): what the start form offers. */
export const START_DEFAULTS = { passages: 8, windows: 3, windowMinutes: 10 } as const;

export interface StartValues {
  readonly from: string;
  readonly to: string;
  readonly seed?: string;
  readonly passages: number;
  readonly windows: number;
  readonly windowMinutes: number;
}

/** The POST body: local dates as the service reads them; a blank seed left out so one is drawn. */
export function startBody(values: StartValues): StartBody {
  const seed = values.seed?.trim();
  return {
    from: values.from,
    to: values.to,
    ...(seed ? { seed } : {}),
    passages: values.passages,
    windows: values.windows,
    windowMinutes: values.windowMinutes,
  };
}

export type VerdictProblem = 'verdict-required' | 'note-required';

/** As the service decides: a verdict, and a note whenever it says 不一致. */
export function verdictProblem(verdict: Verdict | undefined, note: string): VerdictProblem | null {
  if (!verdict) return 'verdict-required';
  if (verdict === 'inconsistent' && !note.trim()) return 'note-required';
  return null;
}

export function markBody(verdict: Verdict, note: string): MarkBody {
  const trimmed = note.trim();
  return trimmed ? { verdict, note: trimmed } : { verdict };
}

export interface Link {
  readonly label: string;
  readonly href: string;
}

export interface PassageRow {
  readonly key: string;
  readonly itemId: string;
  readonly position: number;
  readonly passageId: string;
  readonly capturedAt: string;
  /** Null once retention dropped the passage: the item stays, its evidence is gone. */
  readonly evidence: {
    readonly plate: string;
    readonly plateColour: string;
    readonly stage: Evidence['stage'];
    readonly stageSource: Evidence['stageSource'];
    readonly manual: boolean;
    readonly completenessPercent: number;
    readonly missingFields: readonly string[];
    readonly entryPhotos: readonly Link[];
    readonly exitPhotos: readonly Link[];
    readonly documents: readonly Link[];
    readonly clipsPath: string;
    readonly auditTrail: Evidence['auditTrail'];
  } | null;
  readonly verdict: Verdict | null;
  readonly note: string | null;
  readonly markedBy: string | null;
  readonly markedByName: string | null;
  readonly markedAt: string | null;
  /** Its links, whether they link up, and the signed root covering them. */
  readonly chainProof: SampledPassage['chainProof'];
}

const photoLinks = (photos: Evidence['photos'], side: 'entry' | 'exit'): Link[] =>
  photos.filter((p) => p.side === side).map((p) => ({ label: p.kind, href: p.path }));

/** The sampled passages as table rows, in the sample's order. */
export function passageRows(inspection: Inspection): PassageRow[] {
  return [...inspection.passages]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const p = item.passage;
      return {
        key: item.itemId,
        itemId: item.itemId,
        position: item.position,
        passageId: item.passageId,
        capturedAt: item.capturedAt,
        evidence: p && {
          plate: p.plate,
          plateColour: p.plateColour,
          stage: p.stage,
          stageSource: p.stageSource,
          manual: p.manual,
          completenessPercent: Math.round(p.completeness * 100),
          missingFields: p.missingFields,
          entryPhotos: photoLinks(p.photos, 'entry'),
          exitPhotos: photoLinks(p.photos, 'exit'),
          documents: p.documents.map((d) => ({ label: d.kind, href: d.path })),
          clipsPath: p.clipsPath,
          auditTrail: p.auditTrail,
        },
        verdict: item.verdict,
        note: item.note,
        markedBy: item.markedBy,
        markedByName: item.markedByName,
        markedAt: item.markedAt,
        chainProof: item.chainProof,
      };
    });
}

/** An instant with the Shanghai offset, as the video page's URL takes it. */
const zoned = (instant: string): string => inZone(instant).format('YYYY-MM-DDTHH:mm:ssZ');

export interface WindowRow {
  readonly key: string;
  readonly itemId: string;
  readonly position: number;
  readonly from: string;
  readonly until: string;
  readonly passages: SampledWindow['passages'];
  /** The archive's playlist path for the window, `{cameraId}` left for a camera to fill. */
  readonly playlistPathTemplate: string;
  /** The video page on the window's range: the person picks the camera there. */
  readonly playback: string;
  readonly verdict: Verdict | null;
  readonly note: string | null;
  readonly markedBy: string | null;
  readonly markedByName: string | null;
  readonly markedAt: string | null;
  /** The window as the service answered it (its scan by the video archive). */
  readonly window: SampledWindow;
}

/** The sampled windows as rows; `enterprisePath` is `/e/<id>` (the playback link is the console's video page). */
export function windowRows(inspection: Inspection, enterprisePath: string): WindowRow[] {
  return [...inspection.windows]
    .sort((a, b) => a.position - b.position)
    .map((w) => ({
      key: w.itemId,
      itemId: w.itemId,
      position: w.position,
      from: w.from,
      until: w.until,
      passages: w.passages,
      playlistPathTemplate: w.playlistPathTemplate,
      playback: `${enterprisePath}/video?${new URLSearchParams({ from: zoned(w.from), to: zoned(w.until) }).toString()}`,
      verdict: w.verdict,
      note: w.note,
      markedBy: w.markedBy,
      markedByName: w.markedByName,
      markedAt: w.markedAt,
      window: w,
    }));
}

/** The playlist of one camera for a window. */
export const playlistFor = (template: string, cameraId: string): string =>
  template.replace('{cameraId}', encodeURIComponent(cameraId));

export interface Share {
  readonly key: string;
  readonly count: number;
  /** 0–100, one decimal. */
  readonly percent: number;
}

const shares = (
  counts: Readonly<Record<string, number>>,
  ratios: Readonly<Record<string, number>>,
): Share[] =>
  Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count, percent: Math.round((ratios[key] ?? 0) * 1000) / 10 }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/** Stage shares by trips and the stage-source mix, the stages or sources seen only, largest first. */
export function indicatorShares(indicators: Indicators): { stages: Share[]; sources: Share[] } {
  return {
    stages: shares(indicators.stageShares.trips.counts, indicators.stageShares.trips.shares),
    sources: shares(indicators.stageSources.counts, indicators.stageSources.shares),
  };
}

/** A ratio as a percent with one decimal, or — when there was nothing to divide. */
export const percent = (ratio: number | null): string =>
  ratio === null ? '—' : `${Math.round(ratio * 1000) / 10}%`;
