import { type DataSource } from 'typeorm';
import { PersistenceError } from '../errors/persistence-error';
import { type PersistenceLogger } from '../logging/persistence-logger';

/** An unsent outbox row as handed to the publish callback. */
export interface OutboxRow {
  readonly id: string;
  readonly topic: string;
  readonly key: string;
  readonly payload: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly createdAt: Date;
  /** Failed attempts so far. */
  readonly attempts: number;
}

/**
 * Publishes a batch, in order, and resolves once the broker has acknowledged all of it.
 * Rejecting leaves the whole batch unsent, so rows may be published again: consumers
 * deduplicate by event id. Kept free of Kafka: the messaging lib provides the publisher.
 */
export type OutboxPublish = (rows: readonly OutboxRow[]) => Promise<void>;

export interface OutboxRelayOptions {
  readonly batchSize?: number;
  /** Wait between polls while the outbox is empty. */
  readonly pollIntervalMs?: number;
  /** Upper bound of the back-off after failed publishes. */
  readonly maxBackoffMs?: number;
  /**
   * One relay at a time per database (a transaction-scoped advisory lock), so rows go out in id
   * order even with several replicas. Without it replicas share the work through SKIP LOCKED
   * and order holds only within a batch.
   */
  readonly exclusive?: boolean;
  readonly logger?: PersistenceLogger;
}

// Arbitrary, but fixed: every replica of a service must ask for the same advisory lock.
const RELAY_LOCK_ID = 4_143_201_117;
const MAX_ERROR_LENGTH = 2_000;

interface RawOutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: unknown;
  headers: Record<string, string>;
  created_at: Date;
  attempts: number;
}

/** Polls the outbox, hands unsent rows to `publish` in id order, marks them sent. */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly exclusive: boolean;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publish: OutboxPublish,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.exclusive = options.exclusive ?? true;
  }

  /**
   * Publishes at most one batch. Resolves with the number of rows published (0 when the outbox
   * is empty or another relay holds the lock); rejects with `outbox-publish-failed` after
   * recording the attempt on the rows, which stay unsent.
   */
  async relayOnce(): Promise<number> {
    let failed = false;
    let failure: unknown;
    let batch: readonly OutboxRow[] = [];
    await this.dataSource.transaction(async (manager) => {
      if (this.exclusive) {
        const [lock]: { locked: boolean }[] = await manager.query(
          `SELECT pg_try_advisory_xact_lock($1) AS "locked"`,
          [RELAY_LOCK_ID],
        );
        if (!lock?.locked) return;
      }
      const raw: RawOutboxRow[] = await manager.query(
        `SELECT "id", "topic", "message_key", "payload", "headers", "created_at", "attempts"
         FROM "outbox"
         WHERE "sent_at" IS NULL
         ORDER BY "id"
         LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (raw.length === 0) return;
      batch = raw.map(toRow);
      const ids = batch.map((row) => row.id);
      try {
        await this.publish(batch);
      } catch (error) {
        failed = true;
        failure = error;
        // Committed with the transaction, so an operator can see why the outbox is not draining.
        await manager.query(
          `UPDATE "outbox" SET "attempts" = "attempts" + 1, "last_error" = $2 WHERE "id" = ANY($1::bigint[])`,
          [ids, describe(error)],
        );
        return;
      }
      await manager.query(
        `UPDATE "outbox" SET "sent_at" = now(), "last_error" = NULL WHERE "id" = ANY($1::bigint[])`,
        [ids],
      );
    });
    if (failed) {
      throw new PersistenceError(
        'outbox-publish-failed',
        `Publishing ${batch.length} outbox rows from id ${batch[0]?.id} failed: ${describe(failure)}`,
        { cause: failure },
      );
    }
    return batch.length;
  }

  /** Starts polling in the background; `stop()` ends it. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Deletes rows sent before `cutoff`; returns how many. Run it from a periodic job. */
  async deleteSentBefore(cutoff: Date): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM "outbox" WHERE "sent_at" IS NOT NULL AND "sent_at" < $1`,
      [cutoff],
    );
    return deleted;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger?.warn({ err: error, failures }, 'outbox relay: publish failed, will retry');
      }
      if (!this.running) break;
      // A full batch means more rows are waiting: go again at once.
      if (published === this.batchSize) continue;
      await this.sleep(failures > 0 ? this.backoffMs(failures) : this.pollIntervalMs);
    }
  }

  /** Exponential with full jitter, so replicas do not retry in lockstep. */
  private backoffMs(failures: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.pollIntervalMs * 2 ** Math.min(failures, 16));
    return Math.round(Math.random() * ceiling);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function toRow(raw: RawOutboxRow): OutboxRow {
  return {
    id: String(raw.id),
    topic: raw.topic,
    key: raw.message_key,
    payload: raw.payload,
    headers: raw.headers,
    createdAt: raw.created_at,
    attempts: raw.attempts,
  };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}
