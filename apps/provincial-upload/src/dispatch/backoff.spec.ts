import { retryDelayMs } from './backoff';

const bounds = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, jittered within the upper half of the ceiling', () => {
    expect(retryDelayMs(bounds, 1, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(bounds, 1, undefined, () => 1)).toBe(1_000);
    expect(retryDelayMs(bounds, 3, undefined, () => 0)).toBe(2_000);
    expect(retryDelayMs(bounds, 3, undefined, () => 1)).toBe(4_000);
  });

  it('is capped by the maximum delay', () => {
    expect(retryDelayMs(bounds, 30, undefined, () => 1)).toBe(60_000);
  });

  it('spreads replicas that failed together', () => {
    const draws = new Set(Array.from({ length: 50 }, () => retryDelayMs(bounds, 5)));
    expect(draws.size).toBeGreaterThan(10);
  });

  it("honours the platform's Retry-After when it asks for longer", () => {
    expect(retryDelayMs(bounds, 1, 5_000, () => 1)).toBe(5_000);
    expect(retryDelayMs(bounds, 10, 5_000, () => 1)).toBe(60_000);
  });
});
