import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** How long the assertion may keep failing (since the start, or since the last progress). */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /**
   * A count that grows while the system under test works through a backlog (events seen, rows
   * stored). Each time it grows, the deadline moves to `timeoutMs` from then: a slow machine gets
   * the time it needs, a stalled one still fails after `timeoutMs` without progress.
   */
  readonly progress?: () => number | Promise<number>;
}

/**
 * Retries an assertion until it passes or the time is up, then rethrows its last failure.
 * Tests wait on conditions with this, never on fixed sleeps.
 */
export async function expectEventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 100, progress }: EventuallyOptions = {},
): Promise<T> {
  let deadline = Date.now() + timeoutMs;
  let done = progress ? await progress() : 0;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (progress) {
        const now = await progress();
        if (now > done) {
          done = now;
          deadline = Date.now() + timeoutMs;
        }
      }
      if (Date.now() >= deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
