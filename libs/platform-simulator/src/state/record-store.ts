import { type PlatformRecord } from '@ecogate/platform-protocol';

export type Transport = 'http' | 'tcp';

export interface StoredRecord {
  enterpriseCode: string;
  appId: string;
  via: Transport;
  /** ISO instant of arrival. */
  receivedAt: string;
  record: PlatformRecord;
}

export interface RecordStoreLimits {
  /** Record bodies kept for `GET /_sim/records`; the oldest go first. */
  maxRecords: number;
  /** Serials remembered for duplicate detection, kept longer than bodies (they are small). */
  maxSerials: number;
}

/**
 * What the platform accepted, in arrival order, in memory and bounded: this is a test double of
 * an external system, not a database. Serials outlive evicted bodies so that a long-running
 * simulator still answers `duplicate` for an old record instead of counting it twice.
 */
export class RecordStore {
  #records: StoredRecord[] = [];
  #serials = new Set<string>();
  #evicted = 0;

  constructor(private readonly limits: RecordStoreLimits) {}

  has(serial: string): boolean {
    return this.#serials.has(serial);
  }

  add(entry: StoredRecord): void {
    this.#serials.add(entry.record.serial);
    this.#records.push(entry);
    const excess = this.#records.length - this.limits.maxRecords;
    if (excess > 0) {
      this.#records.splice(0, excess);
      this.#evicted += excess;
    }
    if (this.#serials.size > this.limits.maxSerials) {
      // Sets iterate in insertion order, so the first value is the oldest serial.
      const oldest = this.#serials.values().next();
      if (!oldest.done) this.#serials.delete(oldest.value);
    }
  }

  list(enterpriseCode?: string): StoredRecord[] {
    return enterpriseCode === undefined
      ? [...this.#records]
      : this.#records.filter((entry) => entry.enterpriseCode === enterpriseCode);
  }

  get size(): number {
    return this.#records.length;
  }

  get evicted(): number {
    return this.#evicted;
  }

  clear(): void {
    this.#records = [];
    this.#serials.clear();
    this.#evicted = 0;
  }
}
