import { type CameraTamperEvidence } from '@ecogate/contracts';

/** Why a health poll failed (the `OnvifError` codes). */
export type PollFailure = 'unreachable' | 'unauthorised' | 'unsupported' | 'protocol';

export type HealthInput =
  /** A good poll (or connection); `driftMs` when the camera's clock was read, else drift is not judged. */
  | { readonly kind: 'poll-ok'; readonly driftMs?: number }
  | { readonly kind: 'poll-failed'; readonly reason: PollFailure }
  | { readonly kind: 'tamper'; readonly active: boolean };

export type CameraStatus = 'online' | 'offline' | 'recovered' | 'tampered';

/** What `camera.status.changed.v1` reports; reasons are short codes consumers can switch on. */
export interface StatusChange {
  readonly status: CameraStatus;
  readonly reason:
    | PollFailure
    | 'reachable'
    | 'clock-drift'
    | 'clock-in-sync'
    | 'tamper'
    | 'tamper-cleared'
    /** The view check (`src/tamper/`): the view differs from the reference view, or is as commissioned again. */
    | 'view-changed'
    | 'view-restored';
  readonly at: Date;
  readonly clockDriftMs?: number;
  /** The view check's evidence (kind, before/after images). */
  readonly tamper?: CameraTamperEvidence;
}

export interface HealthSettings {
  /** Consecutive failed polls before a camera is reported offline. */
  readonly offlineAfterFailures: number;
  /** |camera clock − ours| above this is reported as clock drift. */
  readonly driftThresholdMs: number;
}

export interface HealthState {
  readonly phase: 'unknown' | 'online' | 'offline';
  readonly failures: number;
  /** Consecutive failures with the latest reason, and the reason offline was reported with. */
  readonly sameReasonFailures: number;
  readonly lastFailure?: PollFailure;
  readonly offlineReason?: PollFailure;
  readonly drifting: boolean;
  readonly tampered: boolean;
}

export const INITIAL_HEALTH: HealthState = {
  phase: 'unknown',
  failures: 0,
  sameReasonFailures: 0,
  drifting: false,
  tampered: false,
};

/**
 * The debounce: one camera's health from its polls and tamper events (pure; the caller's clock).
 * Offline only after N failed polls in a row (a lost packet is not an outage), then once per
 * change of reason; back online is `recovered`. Drift is reported when it crosses the threshold.
 */
export function nextHealth(
  state: HealthState,
  input: HealthInput,
  settings: HealthSettings,
  at: Date,
): { state: HealthState; changes: StatusChange[] } {
  switch (input.kind) {
    case 'poll-ok': {
      const drifting =
        input.driftMs === undefined ? state.drifting : Math.abs(input.driftMs) > settings.driftThresholdMs;
      const drift = input.driftMs === undefined ? { at } : { at, clockDriftMs: input.driftMs };
      const changes: StatusChange[] = [];
      if (state.phase === 'unknown') {
        changes.push({ status: 'online', reason: drifting ? 'clock-drift' : 'reachable', ...drift });
      } else if (state.phase === 'offline') {
        changes.push({ status: 'recovered', reason: drifting ? 'clock-drift' : 'reachable', ...drift });
      } else if (drifting !== state.drifting) {
        changes.push({ status: 'online', reason: drifting ? 'clock-drift' : 'clock-in-sync', ...drift });
      }
      return {
        state: { ...state, phase: 'online', failures: 0, sameReasonFailures: 0, drifting },
        changes,
      };
    }
    case 'poll-failed': {
      const failures = state.failures + 1;
      const sameReasonFailures = state.lastFailure === input.reason ? state.sameReasonFailures + 1 : 1;
      const next = { ...state, failures, sameReasonFailures, lastFailure: input.reason };
      const goesOffline = state.phase !== 'offline' && failures >= settings.offlineAfterFailures;
      const reasonChanged =
        state.phase === 'offline' &&
        state.offlineReason !== input.reason &&
        sameReasonFailures >= settings.offlineAfterFailures;
      if (!goesOffline && !reasonChanged) return { state: next, changes: [] };
      return {
        state: { ...next, phase: 'offline', offlineReason: input.reason },
        changes: [{ status: 'offline', reason: input.reason, at }],
      };
    }
    case 'tamper': {
      if (input.active === state.tampered) return { state, changes: [] };
      const changes: StatusChange[] =
        input.active || state.phase !== 'offline'
          ? [
              {
                status: input.active ? 'tampered' : 'recovered',
                reason: input.active ? 'tamper' : 'tamper-cleared',
                at,
              },
            ]
          : [];
      return { state: { ...state, tampered: input.active }, changes };
    }
  }
}
