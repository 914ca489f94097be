import { backoffDelay } from '@ecogate/messaging';

export interface RetryBounds {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Delay before attempt `attempts + 1`: exponential with jitter (the messaging lib's policy, so
 * replicas that failed together do not retry together), but never sooner than the platform's
 * `Retry-After`.
 */
export function retryDelayMs(
  bounds: RetryBounds,
  attempts: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const delay = backoffDelay(bounds, Math.max(1, attempts), random);
  return Math.max(delay, retryAfterMs ?? 0);
}
