/** How far a camera's capture time may stray from the ledger's receipt time before it is not trusted. */
export interface ClockDriftBounds {
  /** Older than receipt by more than this: a camera clock behind (or a decision delivered this late). */
  readonly maxPastMs: number;
  /** Newer than receipt by more than this: a camera clock ahead; nothing is captured in the future. */
  readonly maxFutureMs: number;
}

export const DEFAULT_CLOCK_DRIFT_BOUNDS: ClockDriftBounds = {
  maxPastMs: 7 * 86_400_000,
  maxFutureMs: 5 * 60_000,
};

/** The time the ledger records a capture under, and the camera's drift when it was not believed. */
export interface BoundedCapture {
  readonly at: Date;
  /** Camera time − receipt time, set only when outside the bounds; `null` when the camera was believed. */
  readonly driftMs: number | null;
}

/**
 * Bounds a camera's capture time against the ledger's receipt time. Within the bounds the camera's
 * time stands; outside them (a camera clock of 2000, or of next year) the receipt time is recorded
 * instead and the drift kept, so the camera's time is still known (`at + driftMs`) while partitions
 * and retention never follow a wrong clock.
 */
export function boundCaptureTime(
  reported: Date,
  receivedAt: Date,
  bounds: ClockDriftBounds = DEFAULT_CLOCK_DRIFT_BOUNDS,
): BoundedCapture {
  const driftMs = reported.getTime() - receivedAt.getTime();
  const believed = driftMs <= bounds.maxFutureMs && -driftMs <= bounds.maxPastMs;
  return believed ? { at: reported, driftMs: null } : { at: receivedAt, driftMs };
}
