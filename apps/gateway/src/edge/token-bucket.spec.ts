import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst of the capacity, then refills at the rate, per key', () => {
    const buckets = new TokenBuckets(3, 1);
    expect([0, 0, 0, 0].map(() => buckets.take('ip-1', 1000))).toEqual([true, true, true, false]);
    expect(buckets.take('ip-2', 1000)).toBe(true);
    expect(buckets.take('ip-1', 1500)).toBe(false);
    expect(buckets.take('ip-1', 2000)).toBe(true);
  });

  it('bounds the number of keys it remembers', () => {
    const buckets = new TokenBuckets(1, 0.001, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.take('c', 0); // evicts a
    expect(buckets.take('a', 0)).toBe(true);
    expect(buckets.take('c', 0)).toBe(false);
  });
});
