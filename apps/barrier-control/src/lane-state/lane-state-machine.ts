import { type LaneMode, type Verdict } from '@ecogate/domain';

/**
 * One lane's barrier cycle, as pure data: idle → vehicle-present → decided → opening → open →
 * closed (→ the next read starts a new cycle). No clock, no I/O: every instant is passed in.
 */
export const LANE_PHASES = ['idle', 'vehicle-present', 'decided', 'opening', 'open', 'closed'] as const;
export type LanePhase = (typeof LANE_PHASES)[number];

export interface LaneVehicle {
  readonly plate: string;
  readonly captureId: string;
  readonly readId: string;
  readonly readAt: Date;
  readonly decisionId?: string;
  readonly verdict?: Verdict;
}

export interface LaneState {
  readonly mode: LaneMode;
  readonly phase: LanePhase;
  /** The vehicle this cycle is about (absent when idle). */
  readonly vehicle?: LaneVehicle;
  /** When the barrier was asked to open in this cycle. */
  readonly openingAt?: Date;
}

export interface LaneOptions {
  /**
   * Lanes whose devices report no `barrier-closed` (see `barrier-state/`): an open cycle ends this
   * long after it began, so the next vehicle is a new cycle, not a tailgater.
   */
  readonly openCycleMs: number;
  /**
   * Another vehicle read on the lane within this long of the waiting vehicle's read is cutting in;
   * later, the waiting vehicle is taken to have left without passing (a U-turn). Squeezing in front
   * of a truck at the stop line takes seconds; turning a truck round in the capture zone takes longer.
   */
  readonly cutInWindowMs?: number;
}

export const DEFAULT_CUT_IN_WINDOW_MS = 30_000;
export const DEFAULT_LANE_OPTIONS: LaneOptions = {
  openCycleMs: 15_000,
  cutInWindowMs: DEFAULT_CUT_IN_WINDOW_MS,
};

export type LaneEvent =
  | {
      readonly type: 'vehicle-read';
      readonly plate: string;
      readonly captureId: string;
      readonly readId: string;
      readonly at: Date;
    }
  | {
      readonly type: 'decided';
      readonly captureId: string;
      readonly decisionId: string;
      readonly verdict: Verdict;
    }
  /** An operator released (allow) or refused (deny) the vehicle at the lane. */
  | {
      readonly type: 'manual';
      readonly decisionId: string;
      readonly verdict: 'allow' | 'deny';
      readonly at: Date;
    }
  /** The barrier driver acknowledged the open command, or the barrier reported itself open. */
  | { readonly type: 'barrier-opened'; readonly at: Date }
  | { readonly type: 'command-failed' }
  /** The barrier came down behind the vehicle (loop detector or the controller's close report). */
  | { readonly type: 'barrier-closed' }
  | { readonly type: 'mode-changed'; readonly mode: LaneMode }
  /**
   * The waiting vehicle of this read was seen leaving elsewhere (re-read at the gate's lane of the
   * other direction: a U-turn, already flagged there): the lane is free, the next read is no cut-in.
   */
  | { readonly type: 'vehicle-left'; readonly readId: string };

export type LaneViolation =
  | { readonly kind: 'tailgating'; readonly plate: string; readonly details: string }
  | { readonly kind: 'cutting-in'; readonly plate: string; readonly details: string }
  | {
      readonly kind: 'u-turn';
      readonly plate: string;
      readonly details: string;
      /** The read of the vehicle that turned (not the read that revealed it): its id names the violation. */
      readonly readId: string;
      readonly at: Date;
    }
  | { readonly kind: 'opened-without-decision'; readonly plate?: string; readonly details: string };

/**
 * How the lane's vehicle left the capture zone, once that is known: `passed` (the barrier went up
 * for it, or the lane has no barrier to stop it), `refused` (denied: it must turn away).
 */
export type CrossingOutcome = 'passed' | 'refused';

export interface LaneTransition {
  readonly state: LaneState;
  /** Send the barrier an open command now. */
  readonly openBarrier: boolean;
  readonly violations: readonly LaneViolation[];
  /** The event changed nothing it could act on (a duplicate read, a decision for a vehicle gone by). */
  readonly ignored: boolean;
}

export const initialLaneState = (mode: LaneMode): LaneState => ({ mode, phase: 'idle' });

/** Lanes whose barrier goes up and down per vehicle; the others have no cycle to watch. */
const hasBarrierCycle = (mode: LaneMode): boolean => mode === 'auto' || mode === 'closed';

const result = (state: LaneState, extra: Partial<Omit<LaneTransition, 'state'>> = {}): LaneTransition => ({
  state,
  openBarrier: false,
  violations: [],
  ignored: false,
  ...extra,
});

const ignore = (state: LaneState): LaneTransition => result(state, { ignored: true });

/** The vehicle is waiting for its barrier cycle: read, neither let through nor refused yet. */
const awaitingCycle = (state: LaneState): boolean =>
  state.phase === 'vehicle-present' || state.phase === 'decided';

const sameVehicle = (vehicle: LaneVehicle | undefined, plate: string, captureId: string): boolean =>
  vehicle !== undefined && (vehicle.captureId === captureId || vehicle.plate === plate);

export function transition(
  state: LaneState,
  event: LaneEvent,
  options: LaneOptions = DEFAULT_LANE_OPTIONS,
): LaneTransition {
  switch (event.type) {
    case 'vehicle-read':
      return onRead(state, event, options);
    case 'decided':
      return onDecided(state, event);
    case 'manual':
      return onManual(state, event);
    case 'barrier-opened':
      return onOpened(state);
    case 'command-failed':
      return state.phase === 'opening' ? result({ ...state, phase: 'decided' }) : ignore(state);
    case 'barrier-closed':
      return state.phase === 'open' || state.phase === 'opening'
        ? // The open instant stays: the vehicle passed (`crossingOutcome`); the next read starts a new cycle.
          result({ ...state, phase: 'closed' })
        : ignore(state);
    case 'mode-changed':
      return result({ mode: event.mode, phase: 'idle' });
    case 'vehicle-left':
      return awaitingCycle(state) && state.vehicle?.readId === event.readId
        ? result({ mode: state.mode, phase: 'idle' })
        : ignore(state);
  }
}

function onRead(
  state: LaneState,
  event: Extract<LaneEvent, { type: 'vehicle-read' }>,
  options: LaneOptions,
): LaneTransition {
  const vehicle: LaneVehicle = {
    plate: event.plate,
    captureId: event.captureId,
    readId: event.readId,
    readAt: event.at,
  };
  // A second read of the vehicle in front (camera and server reads of one capture, a re-push).
  if (
    state.phase !== 'idle' &&
    state.phase !== 'closed' &&
    sameVehicle(state.vehicle, event.plate, event.captureId)
  ) {
    return ignore(state);
  }
  const cycleOver =
    state.openingAt !== undefined && event.at.getTime() - state.openingAt.getTime() > options.openCycleMs;
  if ((state.phase === 'opening' || state.phase === 'open') && hasBarrierCycle(state.mode) && !cycleOver) {
    return result(state, {
      violations: [
        {
          kind: 'tailgating',
          plate: event.plate,
          details: `${event.plate} read while the barrier was ${state.phase} for ${state.vehicle?.plate ?? 'another vehicle'}`,
        },
      ],
    });
  }
  const next: LaneState = { mode: state.mode, phase: 'vehicle-present', vehicle };
  const waiting = state.vehicle;
  // A read captured before the waiting vehicle's is a late upload (a camera's retry), not a vehicle ahead of it.
  const later = waiting !== undefined && vehicle.readAt.getTime() >= waiting.readAt.getTime();
  if (waiting && later && awaitingCycle(state) && hasBarrierCycle(state.mode)) {
    return result(next, { violations: [jumpedQueue(waiting, vehicle, state.phase, options)] });
  }
  return result(next);
}

/**
 * Another vehicle read while `waiting` still awaits its barrier cycle: it cut in ahead of the
 * waiting vehicle when read soon after it, else the waiting vehicle left without passing (a U-turn)
 * and `next` is simply the next vehicle.
 */
function jumpedQueue(
  waiting: LaneVehicle,
  next: LaneVehicle,
  phase: LanePhase,
  options: LaneOptions,
): LaneViolation {
  const windowMs = options.cutInWindowMs ?? DEFAULT_CUT_IN_WINDOW_MS;
  const elapsedMs = next.readAt.getTime() - waiting.readAt.getTime();
  const waitingFor =
    phase === 'vehicle-present'
      ? 'its decision'
      : waiting.verdict === 'needs-review'
        ? 'review by a person'
        : 'its barrier (the open failed)';
  if (elapsedMs <= windowMs) {
    return {
      kind: 'cutting-in',
      plate: next.plate,
      details: `${next.plate} read ${seconds(elapsedMs)} after ${waiting.plate}, which was waiting for ${waitingFor} (window ${seconds(windowMs)})`,
    };
  }
  return {
    kind: 'u-turn',
    plate: waiting.plate,
    readId: waiting.readId,
    at: waiting.readAt,
    details: `${waiting.plate} left the capture zone without passing (waiting for ${waitingFor}, neither released nor refused): ${next.plate} read ${seconds(elapsedMs)} later`,
  };
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** How the lane's vehicle crossed, once known (see `CrossingOutcome`); `undefined` while it waits. */
export function crossingOutcome(state: LaneState): CrossingOutcome | undefined {
  const { vehicle } = state;
  if (!vehicle) return undefined;
  switch (state.phase) {
    case 'opening':
    case 'open':
      return 'passed';
    case 'closed':
      // Record-only lanes have no barrier: a refused vehicle drives through all the same.
      if (state.mode === 'record-only') return 'passed';
      // Down after an open (not a refusal after it): it went through.
      return vehicle.verdict !== 'deny' && state.openingAt !== undefined ? 'passed' : 'refused';
    case 'idle':
    case 'vehicle-present':
    case 'decided':
      return undefined;
  }
}

function onDecided(state: LaneState, event: Extract<LaneEvent, { type: 'decided' }>): LaneTransition {
  // A later read of the same capture (the server's, after a doubtful camera read) may settle a
  // vehicle waiting for review; anything else about a vehicle that is not in front is stale.
  const awaiting =
    state.phase === 'vehicle-present' || (state.phase === 'decided' && event.verdict !== 'needs-review');
  if (!awaiting || state.vehicle?.captureId !== event.captureId) return ignore(state);
  const vehicle = { ...state.vehicle, decisionId: event.decisionId, verdict: event.verdict };
  switch (state.mode) {
    case 'auto':
      return event.verdict === 'allow'
        ? result({ ...state, phase: 'opening', vehicle, openingAt: vehicle.readAt }, { openBarrier: true })
        : event.verdict === 'deny'
          ? result({ ...state, phase: 'closed', vehicle })
          : result({ ...state, phase: 'decided', vehicle });
    case 'closed':
      return result({ ...state, phase: 'closed', vehicle });
    case 'always-open':
      // The barrier is already up: the vehicle drives through.
      return result({ ...state, phase: 'open', vehicle });
    case 'record-only':
      // No barrier: the passage is recorded, the cycle ends.
      return result({ ...state, phase: 'closed', vehicle });
  }
}

function onManual(state: LaneState, event: Extract<LaneEvent, { type: 'manual' }>): LaneTransition {
  const vehicle = state.vehicle && { ...state.vehicle, decisionId: event.decisionId, verdict: event.verdict };
  if (event.verdict === 'deny') {
    return vehicle ? result({ ...state, phase: 'closed', vehicle }) : ignore(state);
  }
  if (state.mode === 'record-only' || state.mode === 'always-open') return ignore(state);
  // An operator may lift the barrier with or without a vehicle in front (the reason is audited).
  return result(
    { ...state, phase: 'opening', openingAt: event.at, ...(vehicle ? { vehicle } : {}) },
    { openBarrier: true },
  );
}

function onOpened(state: LaneState): LaneTransition {
  if (state.phase === 'opening') return result({ ...state, phase: 'open' });
  if (state.phase === 'open' || !hasBarrierCycle(state.mode)) return ignore(state);
  const plate = state.vehicle?.plate;
  return result(state, {
    violations: [
      {
        kind: 'opened-without-decision',
        ...(plate ? { plate } : {}),
        details: `barrier opened while the lane was ${state.phase} (${state.mode}) with no allow decision or release`,
      },
    ],
  });
}
