import { type CameraOutage } from '../video-archive/video-archive.client';

/**
 * Camera outages over the period against filings (备案): `filed` ones were covered by a filing made
 * before they started (the video archive's rule). Unavailable, with the reason, when the archive
 * could not answer: an unknown is never reported as zero outages.
 */
export type OutageIndicator =
  | {
      readonly status: 'available';
      readonly count: number;
      /** Seconds without video inside the period, all outages together. */
      readonly seconds: number;
      readonly filed: number;
      readonly unfiled: number;
      readonly unfiledSeconds: number;
      /** Cameras with at least one unfiled outage. */
      readonly camerasUnfiled: readonly string[];
    }
  | { readonly status: 'unavailable'; readonly reason: string };

export function outageIndicator(outages: readonly CameraOutage[]): OutageIndicator {
  const unfiled = outages.filter((o) => !o.filed);
  const sum = (list: readonly CameraOutage[]) => list.reduce((total, o) => total + o.seconds, 0);
  return {
    status: 'available',
    count: outages.length,
    seconds: sum(outages),
    filed: outages.length - unfiled.length,
    unfiled: unfiled.length,
    unfiledSeconds: sum(unfiled),
    camerasUnfiled: [...new Set(unfiled.map((o) => o.cameraId))].sort(),
  };
}

/** Barrier control's violations over the period by kind; `other`: kinds this ledger does not name yet. */
export interface ViolationIndicator {
  readonly tailgating: number;
  readonly cuttingIn: number;
  readonly reversing: number;
  readonly uTurn: number;
  readonly openedWithoutDecision: number;
  readonly other: number;
  readonly total: number;
}

export function violationIndicator(counts: readonly { kind: string; count: number }[]): ViolationIndicator {
  const of = (kind: string) => counts.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.count, 0);
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const named = {
    tailgating: of('tailgating'),
    cuttingIn: of('cutting-in'),
    reversing: of('reversing'),
    uTurn: of('u-turn'),
    openedWithoutDecision: of('opened-without-decision'),
  };
  const counted = Object.values(named).reduce((sum, count) => sum + count, 0);
  return { ...named, other: total - counted, total };
}
