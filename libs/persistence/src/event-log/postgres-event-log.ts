import {
  type AppendRequest,
  type EventLogHandle,
  type GroupLease,
  type LogRecord,
  type TopicSpec,
  UnknownTopicError,
} from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EVENT_LOG_SCHEMA, EVENT_LOG_SCHEMA_LOCK } from './event-log-schema';

// The first key of the group leases' advisory locks ("EVGR"); the second is the group's hash.
const GROUP_LEASE_SPACE = 0x45_56_47_52;
const GROUP_LEASE_RETRY_MS = 500;

interface RecordRow {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  appended_at: Date;
}

/**
 * The embedded bus's durable log on Postgres (ADR 0008). An append takes the next offset from the
 * partition's row and inserts the record in one statement: the row lock orders concurrent appends,
 * so offsets commit in order and a reader never skips one; the statement's commit (fsync'd WAL,
 * `synchronous_commit` on) is the acknowledgement, so a crash loses nothing acknowledged.
 */
export class PostgresEventLog implements EventLogHandle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly url: string,
  ) {}

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs) {
      const partitions = spec.partitions ?? 3;
      if (!Number.isInteger(partitions) || partitions < 1)
        throw new RangeError(`topic ${spec.name}: partitions must be a positive integer, got ${partitions}`);
      await this.dataSource.query(
        `INSERT INTO "event_log_partitions" ("topic", "partition")
         SELECT $1, p FROM generate_series(0, $2 - 1) AS p
         ON CONFLICT DO NOTHING`,
        [spec.name, partitions],
      );
    }
  }

  async partitionCount(topic: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS "count" FROM "event_log_partitions" WHERE "topic" = $1`,
      [topic],
    )) as { count: number }[];
    if (!row || row.count === 0) throw new UnknownTopicError(topic);
    return row.count;
  }

  async append(topic: string, partition: number, record: AppendRequest): Promise<{ offset: number }> {
    const rows = (await this.dataSource.query(
      `WITH "slot" AS (
         UPDATE "event_log_partitions" SET "next_offset" = "next_offset" + 1
          WHERE "topic" = $1 AND "partition" = $2
          RETURNING "next_offset" - 1 AS "offset"
       )
       INSERT INTO "event_log_records" ("topic", "partition", "offset", "key", "value", "headers")
       SELECT $1, $2, "slot"."offset", $3, $4, $5::jsonb FROM "slot"
       RETURNING "offset"`,
      [topic, partition, record.key, record.value, JSON.stringify(record.headers)],
    )) as { offset: string }[];
    const [row] = rows;
    if (!row) throw new UnknownTopicError(`${topic} (partition ${partition})`);
    return { offset: Number(row.offset) };
  }

  async read(topic: string, partition: number, fromOffset: number, limit: number): Promise<LogRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT "topic", "partition", "offset", "key", "value", "headers", "appended_at"
         FROM "event_log_records"
        WHERE "topic" = $1 AND "partition" = $2 AND "offset" >= $3
        ORDER BY "offset" LIMIT $4`,
      [topic, partition, fromOffset, limit],
    )) as RecordRow[];
    return rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      offset: Number(row.offset),
      key: row.key,
      value: row.value,
      headers: row.headers,
      appendedAt: row.appended_at,
    }));
  }

  async endOffset(topic: string, partition: number): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT "next_offset" FROM "event_log_partitions" WHERE "topic" = $1 AND "partition" = $2`,
      [topic, partition],
    )) as { next_offset: string }[];
    if (!row) throw new UnknownTopicError(`${topic} (partition ${partition})`);
    return Number(row.next_offset);
  }

  async committedOffset(group: string, topic: string, partition: number): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT "next_offset" FROM "event_log_offsets"
        WHERE "consumer_group" = $1 AND "topic" = $2 AND "partition" = $3`,
      [group, topic, partition],
    )) as { next_offset: string }[];
    return row ? Number(row.next_offset) : null;
  }

  async commit(group: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "event_log_offsets" ("consumer_group", "topic", "partition", "next_offset")
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ("consumer_group", "topic", "partition")
       DO UPDATE SET "next_offset" = excluded."next_offset", "committed_at" = now()`,
      [group, topic, partition, nextOffset],
    );
  }

  async deleteAppendedBefore(cutoff: Date): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM "event_log_records" WHERE "appended_at" < $1`,
      [cutoff],
    )) as [unknown, number];
    return deleted;
  }

  async trimPartitions(maxRecords: number): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM "event_log_records" r USING "event_log_partitions" p
        WHERE r."topic" = p."topic" AND r."partition" = p."partition" AND r."offset" < p."next_offset" - $1`,
      [maxRecords],
    )) as [unknown, number];
    return deleted;
  }

  /**
   * A session advisory lock on a connection of its own: held while this process lives, released by
   * Postgres when the process dies (even by SIGKILL), so a standby instance takes over then.
   */
  async leaseGroup(group: string, signal: AbortSignal): Promise<GroupLease> {
    // Its own connection, outside the pool: held as long as the consumer runs.
    const client = new Client({ connectionString: this.url, application_name: 'ecogate-event-log-lease' });
    // A connection that drops (the database restarts or becomes unreachable) ends the session, so
    // Postgres releases the lock: the lease is lost, reported through `lost`. Without a listener, pg's
    // 'error' event on an idle client would be an uncaught exception that kills the process.
    let released = false;
    let reportLost: (cause: Error) => void = () => undefined;
    const lost = new Promise<Error>((resolve) => (reportLost = resolve));
    client.on('error', (error: Error) => {
      if (!released) reportLost(error);
    });
    client.on('end', () => {
      if (!released) reportLost(new Error('the lease connection ended'));
    });
    await client.connect();
    try {
      for (;;) {
        const { rows } = await client.query<{ locked: boolean }>(
          `SELECT pg_try_advisory_lock($1, hashtext($2)) AS "locked"`,
          [GROUP_LEASE_SPACE, group],
        );
        if (rows[0]?.locked) break;
        if (signal.aborted) throw new Error(`stopped while waiting for the lease of consumer group ${group}`);
        await new Promise((resolve) => setTimeout(resolve, GROUP_LEASE_RETRY_MS));
      }
    } catch (error) {
      await client.end();
      throw error;
    }
    // Closing the session releases the lock.
    return {
      release: () => {
        released = true;
        return client.end();
      },
      lost,
    };
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export interface PostgresEventLogOptions {
  /** Connections of this process to the log (default 5: one per busy partition loop is plenty). */
  readonly poolSize?: number;
  /** Shows in `pg_stat_activity.application_name`. */
  readonly name?: string;
}

/**
 * Opens the log in the database at `url`, creating its tables when missing. Pass it to
 * `createMessagingTransport` as `openEventLog`.
 */
export async function openPostgresEventLog(
  url: string,
  logger: Logger,
  options: PostgresEventLogOptions = {},
): Promise<PostgresEventLog> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    applicationName: options.name ?? 'ecogate-event-log',
    entities: [],
    synchronize: false,
    poolSize: options.poolSize ?? 5,
    connectTimeoutMS: 10_000,
    logging: ['error'],
  });
  await dataSource.initialize();
  try {
    await dataSource.transaction(async (manager) => {
      // Services of one machine boot together: one creates the tables, the others wait for it.
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [EVENT_LOG_SCHEMA_LOCK]);
      for (const statement of EVENT_LOG_SCHEMA) await manager.query(statement);
    });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  logger.child({ component: 'event-log' }).info('embedded event log open');
  return new PostgresEventLog(dataSource, url);
}
