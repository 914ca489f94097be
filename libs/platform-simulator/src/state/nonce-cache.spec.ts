import { NonceCache } from './nonce-cache';

describe('NonceCache', () => {
  it('refuses a nonce seen within its lifetime, per app', () => {
    const cache = new NonceCache(1_000);
    expect(cache.remember('app', 'nonce-0001', 0)).toBe(true);
    expect(cache.remember('app', 'nonce-0001', 999)).toBe(false);
    expect(cache.remember('other', 'nonce-0001', 999)).toBe(true);
  });

  it('accepts the nonce again once it expired', () => {
    const cache = new NonceCache(1_000);
    cache.remember('app', 'nonce-0001', 0);
    expect(cache.remember('app', 'nonce-0001', 1_000)).toBe(true);
  });

  it('stays bounded, forgetting the oldest first', () => {
    const cache = new NonceCache(1_000_000, 2);
    for (const nonce of ['n-000001', 'n-000002', 'n-000003']) cache.remember('app', nonce, 0);
    expect(cache.remember('app', 'n-000003', 1)).toBe(false);
    expect(cache.remember('app', 'n-000001', 1)).toBe(true);
  });
});
