import { KnownPlates } from '@ecogate/domain';
import { type Logger, meter } from '@ecogate/telemetry';

/** Fetches a site's known plates (the ledger's `GET known-plates`); throws when it has no answer. */
export interface KnownPlatesFetcher {
  fetch(enterpriseId: string, siteId: string): Promise<readonly string[]>;
}

export interface KnownPlatesCacheOptions {
  /** A list is fetched again (in the background, the old one served meanwhile) once this old. */
  readonly ttlMs: number;
  /** The longest a read waits for a site's first list; then it proceeds without one. */
  readonly waitMs: number;
  /** After a failed fetch, the next one waits this long (the last good list is served meanwhile). */
  readonly retryMs: number;
  /** Sites (enterprise, site) kept; the one first asked for is dropped beyond. */
  readonly maxSites: number;
  /**
   * Plates kept over all sites (about 0.7 KB each, indexed): the sites first asked for are dropped
   * beyond, never the list just fetched.
   */
  readonly maxPlates: number;
}

interface Entry {
  plates?: KnownPlates;
  fetchedAt: number;
  failedAt?: number;
  refreshing?: Promise<void>;
}

const fetches = meter('plate-recognition').createCounter('lpr_known_plates_fetches_total', {
  description: 'Known-plates lists fetched from the ledger, by outcome (ok, failed)',
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Each site's known plates, per (enterprise, site): fetched on a site's first read, refreshed in
 * the background once older than `ttlMs`, and the last good list kept while the ledger is away.
 * A read never waits longer than `waitMs`, and only for a site's first list: without one it
 * proceeds as it would without known plates.
 */
export class KnownPlatesCache {
  readonly #entries = new Map<string, Entry>();
  #plates = 0;

  constructor(
    private readonly fetcher: KnownPlatesFetcher,
    private readonly options: KnownPlatesCacheOptions,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {}

  async forSite(enterpriseId: string, siteId: string): Promise<KnownPlates | undefined> {
    const entry = this.entry(enterpriseId, siteId);
    const now = this.now();
    const stale = entry.plates === undefined || now - entry.fetchedAt >= this.options.ttlMs;
    const resting = entry.failedAt !== undefined && now - entry.failedAt < this.options.retryMs;
    if (stale && !resting && !entry.refreshing) {
      // `finally` runs after this assignment even when the fetcher throws at once.
      entry.refreshing = this.refresh(entry, enterpriseId, siteId).finally(() => {
        entry.refreshing = undefined;
      });
    }
    if (entry.plates || !entry.refreshing) return entry.plates;
    return Promise.race([
      entry.refreshing.then(() => entry.plates),
      this.wait(this.options.waitMs).then(() => undefined),
    ]);
  }

  private entry(enterpriseId: string, siteId: string): Entry {
    const key = `${enterpriseId}/${siteId}`;
    const found = this.#entries.get(key);
    if (found) return found;
    const entry: Entry = { fetchedAt: 0 };
    this.#entries.set(key, entry);
    this.evict(entry);
    return entry;
  }

  /** The sites first asked for go while there are too many sites or plates (`keep` stays). */
  private evict(keep: Entry): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.options.maxSites && this.#plates <= this.options.maxPlates) return;
      if (entry === keep) continue;
      this.#entries.delete(key);
      this.#plates -= entry.plates?.size ?? 0;
    }
  }

  private async refresh(entry: Entry, enterpriseId: string, siteId: string): Promise<void> {
    try {
      const plates = new KnownPlates(await this.fetcher.fetch(enterpriseId, siteId));
      // A site dropped while its list was on the way is not counted (nor kept by anyone).
      if (this.#entries.get(`${enterpriseId}/${siteId}`) === entry) {
        this.#plates += plates.size - (entry.plates?.size ?? 0);
      }
      entry.plates = plates;
      this.evict(entry);
      entry.fetchedAt = this.now();
      entry.failedAt = undefined;
      fetches.add(1, { outcome: 'ok' });
    } catch (error) {
      entry.failedAt = this.now();
      fetches.add(1, { outcome: 'failed' });
      this.log.warn(
        {
          enterpriseId,
          siteId,
          err: error instanceof Error ? error.message : String(error),
          serving: entry.plates ? 'last good list' : 'none',
        },
        'known plates unavailable',
      );
    }
  }
}
