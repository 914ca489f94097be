import { type EntityManager } from 'typeorm';
import { PersistenceError } from '../errors/persistence-error';

export interface OutboxMessage {
  readonly topic: string;
  /** Kafka key: messages with one key are published in the order they were added. */
  readonly key: string;
  /** Any JSON value (typically an event envelope built and validated by the caller). */
  readonly payload: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Adds messages to the outbox inside the caller's transaction, so a message exists if and only
 * if the state change it announces was committed. The relay publishes it afterwards.
 */
export class OutboxWriter {
  /** Returns the outbox id (the publication order). */
  async add(manager: EntityManager, message: OutboxMessage): Promise<string> {
    if (manager.queryRunner?.isTransactionActive !== true) {
      // Outside a transaction the row would commit on its own and the point of the outbox is lost.
      throw new PersistenceError(
        'transaction-required',
        'OutboxWriter.add needs the EntityManager of an open transaction (dataSource.transaction(...))',
      );
    }
    const payload = JSON.stringify(message.payload);
    if (payload === undefined) {
      throw new TypeError(`Outbox payload for ${message.topic} is not JSON-serialisable`);
    }
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO "outbox" ("topic", "message_key", "payload", "headers")
       VALUES ($1, $2, $3::jsonb, $4::jsonb)
       RETURNING "id"`,
      [message.topic, message.key, payload, JSON.stringify(message.headers ?? {})],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('INSERT INTO outbox returned no id');
    return String(id);
  }
}
