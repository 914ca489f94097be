import { type TamperKind } from '@ecogate/camera-tamper';

/** One check of a camera: what the comparison with its reference view found, and the frame's fingerprint. */
export interface ViewObservation {
  /** `assessView`'s kind (null: as commissioned). */
  readonly assessed: TamperKind | null;
  readonly fingerprint: string;
  readonly at: Date;
}

export interface ViewCheckSettings {
  /** Consecutive checks that must agree on a new state before it is published (>= 1). */
  readonly confirmChecks: number;
  /** The same frame (fingerprint) for this long is a frozen image. */
  readonly frozenAfterMs: number;
}

export interface ViewCheckState {
  /** What was last published (null: as commissioned, or nothing published yet). */
  readonly reported: TamperKind | null;
  /** A state seen but not yet confirmed, and by how many checks in a row. */
  readonly candidate: TamperKind | null;
  readonly agreeing: number;
  /** The latest frame's fingerprint and since when it has not changed. */
  readonly fingerprint?: string;
  readonly sameFrameSince?: Date;
}

export type ViewChange =
  | { readonly status: 'tampered'; readonly kind: TamperKind }
  | { readonly status: 'recovered'; readonly cleared: TamperKind };

export const initialViewCheck = (reported: TamperKind | null): ViewCheckState => ({
  reported,
  candidate: reported,
  agreeing: 0,
});

/**
 * The view check's debounce (pure; the caller's clock). A new state (another tamper kind, or the
 * view as commissioned again) is published only once `confirmChecks` checks in a row agree on it,
 * so one odd frame (a truck filling the view, a headlight) raises nothing. Frozen is decided here
 * from the fingerprints: the same frame for `frozenAfterMs`, while the view itself looks right
 * (a covered or shifted view is reported as such, frozen or not).
 */
export function nextViewCheck(
  state: ViewCheckState,
  observation: ViewObservation,
  settings: ViewCheckSettings,
): { state: ViewCheckState; observed: TamperKind | null; change: ViewChange | null } {
  const sameFrame = state.fingerprint === observation.fingerprint && state.sameFrameSince !== undefined;
  const sameFrameSince = sameFrame ? (state.sameFrameSince as Date) : observation.at;
  const frozen = observation.at.getTime() - sameFrameSince.getTime() >= settings.frozenAfterMs;
  const observed = observation.assessed ?? (frozen ? 'frozen' : null);
  const frames = { fingerprint: observation.fingerprint, sameFrameSince };

  if (observed === state.reported) {
    return { state: { ...state, ...frames, candidate: observed, agreeing: 0 }, observed, change: null };
  }
  const agreeing = observed === state.candidate ? state.agreeing + 1 : 1;
  if (agreeing < settings.confirmChecks) {
    return { state: { ...state, ...frames, candidate: observed, agreeing }, observed, change: null };
  }
  const change: ViewChange =
    observed === null
      ? { status: 'recovered', cleared: state.reported as TamperKind }
      : { status: 'tampered', kind: observed };
  return {
    state: { reported: observed, candidate: observed, agreeing: 0, ...frames },
    observed,
    change,
  };
}
