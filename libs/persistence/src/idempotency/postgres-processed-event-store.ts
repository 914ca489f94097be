import { type ProcessedEventStore } from '@ecogate/messaging';
import { type DataSource, EntityManager } from 'typeorm';
import { PersistenceError } from '../errors/persistence-error';

/**
 * `ProcessedEventStore` on the `processed_events` table. The primary key makes `claim` atomic:
 * of concurrent claims of one event exactly one inserts; inside a transaction the others wait
 * for it to commit (then get `false`) or roll back (then one of them wins).
 */
export class PostgresProcessedEventStore implements ProcessedEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Pass the handler's `EntityManager` as `tx` so the claim commits or rolls back with its writes. */
  async claim(consumerGroup: string, eventId: string, tx?: unknown): Promise<boolean> {
    const rows: unknown[] = await this.managerFor(tx).query(
      `INSERT INTO "processed_events" ("consumer_group", "event_id") VALUES ($1, $2)
       ON CONFLICT DO NOTHING
       RETURNING "event_id"`,
      [consumerGroup, eventId],
    );
    return rows.length === 1;
  }

  async release(consumerGroup: string, eventId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "processed_events" WHERE "consumer_group" = $1 AND "event_id" = $2`,
      [consumerGroup, eventId],
    );
  }

  /**
   * Forgets claims older than `cutoff` (keep them longer than the topics' retention, or a replay
   * from the beginning is handled twice). Returns the number of rows deleted.
   */
  async deleteProcessedBefore(cutoff: Date): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM "processed_events" WHERE "processed_at" < $1`,
      [cutoff],
    );
    return deleted;
  }

  private managerFor(tx: unknown): EntityManager {
    if (tx === undefined) return this.dataSource.manager;
    if (tx instanceof EntityManager) return tx;
    throw new PersistenceError(
      'invalid-transaction',
      'tx must be the EntityManager of a TypeORM transaction',
    );
  }
}
