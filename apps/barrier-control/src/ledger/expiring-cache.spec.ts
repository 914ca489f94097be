import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  it('serves a value until its time is up, then forgets it', () => {
    let now = 0;
    const cache = new ExpiringCache<string>(1_000, 10, () => now);
    cache.set('a', 'x');
    now = 999;
    expect(cache.get('a')).toBe('x');
    now = 1_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, evicting the oldest written first', () => {
    const cache = new ExpiringCache<number>(60_000, 2, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // rewritten: now the newest
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
  });
});
