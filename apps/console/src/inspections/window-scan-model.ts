import { type paths } from '../api/generated/schema';
import { type Indicators, type Inspection, ROUTES, type SampledWindow } from './inspection-model';

export const LIST_ROUTE = ROUTES.start;
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
export type InspectionList = Json<paths[typeof LIST_ROUTE]['get']['responses'][200]>;
export type InspectionSummary = InspectionList['items'][number];
export type ListStatus = NonNullable<paths[typeof LIST_ROUTE]['get']['parameters']['query']>['status'];

export type WindowScan = NonNullable<SampledWindow['scan']>;
export type Sighting = WindowScan['sightings'][number];
export type ScanFinding = WindowScan['finding'];

const FINAL: readonly WindowScan['status'][] = ['done', 'failed'];

/** Whether a window's scan may still change: the page polls while one does. */
export const scanning = (inspection: Inspection | undefined): boolean =>
  Boolean(inspection?.windows.some((w) => w.scan && !FINAL.includes(w.scan.status)));

/** How a window's scan reads at a glance: its finding, or that the ledger has no video archive. */
export type ScanBadge = ScanFinding | 'not-configured';

export const scanBadge = (window: SampledWindow): ScanBadge =>
  window.scan ? window.scan.finding : 'not-configured';

/** Colours of the badge: red what the inspector must look at, orange what to check by eye. */
export const BADGE_COLOUR: Readonly<Record<ScanBadge, string>> = {
  pending: 'processing',
  failed: 'error',
  'vehicles-without-passage': 'error',
  'unsure-reads': 'warning',
  'no-video': 'error',
  'cameras-without-video': 'warning',
  'all-seen-in-ledger': 'success',
  'not-configured': 'default',
};

export interface ScanSections {
  /** 0–100 while frames are read; `null` before the archive counted them. */
  readonly percent: number | null;
  /** Trusted reads with no passage: highlighted. */
  readonly withoutPassage: readonly Sighting[];
  /** Untrusted reads with no passage: listed apart, to check by eye. */
  readonly unsure: readonly Sighting[];
  readonly inLedger: readonly Sighting[];
}

/** A scan split the way the page shows it, each part in the order the vehicles were first seen. */
export function scanSections(scan: WindowScan): ScanSections {
  const of = (finding: Sighting['finding']) => scan.sightings.filter((s) => s.finding === finding);
  const progress = scan.progress;
  return {
    percent:
      progress && progress.framesTotal > 0
        ? Math.min(100, Math.floor((progress.framesDone / progress.framesTotal) * 100))
        : null,
    withoutPassage: of('seen-without-passage'),
    unsure: of('unsure'),
    inLedger: of('in-ledger'),
  };
}

export type OutageFigures = Indicators['outages'];
export type ViolationFigures = Indicators['violations'];

/** Minutes, one decimal: outages are read in minutes. */
export const minutes = (seconds: number): number => Math.round(seconds / 6) / 10;

/** The violation kinds shown, in the order of the guide (others come later with anti-evasion). */
export const VIOLATION_KINDS = [
  'tailgating',
  'cuttingIn',
  'reversing',
  'uTurn',
  'openedWithoutDecision',
  'other',
] as const;
