import { restartDelayMs } from './restart-backoff';

describe('restartDelayMs', () => {
  it('doubles from the initial delay and stays at the cap', () => {
    const backoff = { initialMs: 1_000, maxMs: 60_000 };
    expect([0, 1, 2, 3, 5, 6, 7, 100].map((n) => restartDelayMs(n, backoff))).toEqual([
      1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });
});
