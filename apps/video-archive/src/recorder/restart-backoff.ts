export interface RestartBackoff {
  /** Delay before the first restart after ffmpeg exits. */
  readonly initialMs: number;
  /** Upper bound: a camera that stays dark is retried at this interval. */
  readonly maxMs: number;
}

/** Exponential back-off: initial, 2×, 4×, … capped at `maxMs`; `attempt` counts from 0. */
export function restartDelayMs(attempt: number, backoff: RestartBackoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
}
