import { createLogger } from '@ecogate/telemetry';
import { KnownPlatesCache, type KnownPlatesFetcher } from './known-plates-cache';

const TTL = 60_000;
const RETRY = 10_000;

interface Pending {
  readonly site: string;
  resolve(plates: readonly string[]): void;
  reject(error: Error): void;
}

/** A ledger whose answers the test gives by hand, one per fetch. */
class HandLedger implements KnownPlatesFetcher {
  readonly pending: Pending[] = [];
  calls = 0;

  fetch(enterpriseId: string, siteId: string): Promise<readonly string[]> {
    this.calls++;
    return new Promise((resolve, reject) =>
      this.pending.push({ site: `${enterpriseId}/${siteId}`, resolve, reject }),
    );
  }

  answer(plates: readonly string[]): void {
    this.next().resolve(plates);
  }

  fail(): void {
    this.next().reject(new Error('connect ECONNREFUSED'));
  }

  private next(): Pending {
    const pending = this.pending.shift();
    if (!pending) throw new Error('no fetch is waiting for an answer');
    return pending;
  }
}

function harness(maxSites = 10, maxPlates = 1_000) {
  const ledger = new HandLedger();
  let now = 1_000_000;
  // The read's wait for a first list ends when the test says so (`timeout()`), never by the clock.
  const waits: (() => void)[] = [];
  const cache = new KnownPlatesCache(
    ledger,
    { ttlMs: TTL, waitMs: 200, retryMs: RETRY, maxSites, maxPlates },
    createLogger({ service: 't', level: 'silent' }),
    () => now,
    () => new Promise<void>((resolve) => waits.push(resolve)),
  );
  const has = async (plate: string, site = 'site-1', enterprise = 'ent-1') =>
    (await cache.forSite(enterprise, site))?.has(plate);
  return {
    ledger,
    cache,
    has,
    advance: (ms: number) => (now += ms),
    timeout: () => waits.splice(0).forEach((end) => end()),
  };
}

/** Lets the cache's promise callbacks run (no timers involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KnownPlatesCache', () => {
  it("waits for a site's first list, then serves it from memory until its TTL", async () => {
    const { ledger, has, advance } = harness();
    const first = has('冀B12345');
    ledger.answer(['冀B12345']);
    await expect(first).resolves.toBe(true);
    advance(TTL - 1);
    await expect(has('冀B12345')).resolves.toBe(true);
    expect(ledger.calls).toBe(1);
  });

  it('past its TTL: the old list at once, the new one fetched in the background and served next', async () => {
    const { ledger, has, advance } = harness();
    const first = has('冀B12345');
    ledger.answer(['冀B12345']);
    await first;
    advance(TTL);
    // Answered from the old list while the ledger has not answered yet.
    await expect(has('冀B12345')).resolves.toBe(true);
    expect(ledger.calls).toBe(2);
    await expect(has('冀B12345')).resolves.toBe(true);
    expect(ledger.calls).toBe(2);
    ledger.answer(['冀B99999']);
    await settle();
    await expect(has('冀B99999')).resolves.toBe(true);
    await expect(has('冀B12345')).resolves.toBe(false);
  });

  it('ledger down: keeps serving the last good list, and asks again only after the retry pause', async () => {
    const { ledger, has, advance } = harness();
    const first = has('冀B12345');
    ledger.answer(['冀B12345']);
    await first;
    advance(TTL);
    await expect(has('冀B12345')).resolves.toBe(true);
    ledger.fail();
    await settle();
    advance(RETRY - 1);
    await expect(has('冀B12345')).resolves.toBe(true);
    expect(ledger.calls).toBe(2);
    advance(1);
    await expect(has('冀B12345')).resolves.toBe(true);
    expect(ledger.calls).toBe(3);
    ledger.answer(['冀B12345', '冀B54321']);
    await settle();
    await expect(has('冀B54321')).resolves.toBe(true);
  });

  it('a slow ledger: the first read proceeds without a list once its wait is over; a later read gets it', async () => {
    const { ledger, cache, has, timeout } = harness();
    const read = cache.forSite('ent-1', 'site-1');
    timeout();
    await expect(read).resolves.toBeUndefined();
    // The fetch goes on: once it answers, the list is there without another call.
    ledger.answer(['冀B12345']);
    await settle();
    await expect(has('冀B12345')).resolves.toBe(true);
    expect(ledger.calls).toBe(1);
  });

  it('a ledger down from the start: reads go on without a list, and do not ask it on every read', async () => {
    const { ledger, cache, advance } = harness();
    const read = cache.forSite('ent-1', 'site-1');
    ledger.fail();
    await expect(read).resolves.toBeUndefined();
    await expect(cache.forSite('ent-1', 'site-1')).resolves.toBeUndefined();
    expect(ledger.calls).toBe(1);
    advance(RETRY);
    void cache.forSite('ent-1', 'site-1');
    expect(ledger.calls).toBe(2);
  });

  it('keeps one list per enterprise and site, and at most `maxSites` of them', async () => {
    const { ledger, has } = harness(2);
    const reads = [
      has('冀A1', 'site-1', 'ent-1'),
      has('冀A1', 'site-1', 'ent-2'),
      has('冀A1', 'site-2', 'ent-1'),
    ];
    expect(ledger.pending.map((p) => p.site)).toEqual(['ent-1/site-1', 'ent-2/site-1', 'ent-1/site-2']);
    ledger.answer(['冀A1']);
    ledger.answer([]);
    ledger.answer([]);
    await expect(Promise.all(reads)).resolves.toEqual([true, false, false]);
    // ent-1/site-1 was dropped for the third site: asked again.
    const again = has('冀A1', 'site-1', 'ent-1');
    expect(ledger.pending.map((p) => p.site)).toEqual(['ent-1/site-1']);
    ledger.answer(['冀A1']);
    await expect(again).resolves.toBe(true);
  });

  it('keeps at most `maxPlates` over all sites, dropping the sites first asked for, never the list just fetched', async () => {
    const { ledger, has } = harness(10, 3);
    const first = has('冀A1', 'site-1');
    ledger.answer(['冀A1', '冀A2']);
    await expect(first).resolves.toBe(true);
    const second = has('冀B1', 'site-2');
    ledger.answer(['冀B1', '冀B2']);
    await expect(second).resolves.toBe(true);
    // Four plates over three: site-1 went, site-2 stays (no new fetch for it).
    await expect(has('冀B2', 'site-2')).resolves.toBe(true);
    expect(ledger.calls).toBe(2);
    const again = has('冀A1', 'site-1');
    expect(ledger.pending.map((p) => p.site)).toEqual(['ent-1/site-1']);
    ledger.answer(['冀A1']);
    await expect(again).resolves.toBe(true);
  });
});
