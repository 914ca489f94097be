import { z } from 'zod';
import { ExpiringCache } from '../ledger/expiring-cache';
import { BarrierControlException } from '../errors/barrier-control.exception';

/** The `Idempotency-Key` header of a manual action: what the client reuses when it retries. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_\-:.]{8,128}$/, 'Idempotency-Key header: 8-128 of letters, digits, _ - : .');

/** How long a manual action's outcome answers its retries (operators retry within minutes). */
const OUTCOME_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_OUTCOMES = 10_000;

/**
 * The outcome of each manual action by (enterprise, lane, Idempotency-Key), so a retried request
 * gets the same answer and commands nothing again. In memory, like the lane state: a restart
 * forgets the keys (the decision id still follows from the key, so the ledger records it once).
 */
export class ManualOutcomes<T> {
  private readonly outcomes: ExpiringCache<{ readonly request: string; readonly outcome: T }>;

  constructor(now: () => number = Date.now) {
    this.outcomes = new ExpiringCache(OUTCOME_TTL_MS, MAX_OUTCOMES, now);
  }

  /** The stored outcome of this key; a key reused for another request is refused (409). */
  replay(scope: readonly string[], request: unknown): T | undefined {
    const stored = this.outcomes.get(scope.join('\u0000'));
    if (!stored) return undefined;
    if (stored.request !== JSON.stringify(request))
      throw new BarrierControlException(
        'idempotency-key-reused',
        'this Idempotency-Key was used for a different request; send a new key for a new action',
      );
    return stored.outcome;
  }

  remember(scope: readonly string[], request: unknown, outcome: T): void {
    this.outcomes.set(scope.join('\u0000'), { request: JSON.stringify(request), outcome });
  }
}
