export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Back-off while a dependency is unavailable: exponential up to the cap, then every cap, forever. */
export type OutageBackoff = Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>;

export const defaultOutageBackoff: OutageBackoff = { initialDelayMs: 250, maxDelayMs: 5_000 };

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 10_000 };

/** Exponential back-off with full jitter, so consumers that failed together do not retry together. */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
