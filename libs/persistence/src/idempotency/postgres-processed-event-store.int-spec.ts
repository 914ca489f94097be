import { randomUUID } from 'node:crypto';
import { loadInfraEnv, releaseAll } from '@ecogate/testing';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { runMigrations } from '../migrations/migration-runner';
import { createTemporaryDatabase, type TemporaryDatabase } from '../testing/temporary-database';
import { PostgresProcessedEventStore } from './postgres-processed-event-store';

describe('PostgresProcessedEventStore against the real Postgres', () => {
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let store: PostgresProcessedEventStore;

  beforeAll(async () => {
    database = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'persistence_it');
    dataSource = createDataSource({
      url: database.url,
      entities: [],
      migrations: [],
      poolSize: 12,
      logging: false,
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    store = new PostgresProcessedEventStore(dataSource);
  });

  afterAll(() =>
    releaseAll(
      () => dataSource?.destroy(),
      () => database?.drop(),
    ),
  );

  it('lets exactly one of 10 concurrent claims win', async () => {
    const eventId = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.claim('ledger', eventId)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets exactly one of 10 concurrent transactional claims win', async () => {
    const eventId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => dataSource.transaction((tx) => store.claim('ledger', eventId, tx))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps claims per consumer group', async () => {
    const eventId = randomUUID();
    expect(await store.claim('ledger', eventId)).toBe(true);
    expect(await store.claim('video', eventId)).toBe(true);
    expect(await store.claim('ledger', eventId)).toBe(false);
  });

  it('forgets a claim whose transaction rolled back', async () => {
    const eventId = randomUUID();
    await expect(
      dataSource.transaction(async (tx) => {
        expect(await store.claim('ledger', eventId, tx)).toBe(true);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await store.claim('ledger', eventId)).toBe(true);
  });

  it('releases a claim so a replay is handled again', async () => {
    const eventId = randomUUID();
    expect(await store.claim('ledger', eventId)).toBe(true);
    await store.release('ledger', eventId);
    expect(await store.claim('ledger', eventId)).toBe(true);
  });

  it('deletes claims older than a cutoff', async () => {
    const eventId = randomUUID();
    await store.claim('retention', eventId);
    await dataSource.query(
      `UPDATE "processed_events" SET "processed_at" = now() - interval '40 days' WHERE "event_id" = $1`,
      [eventId],
    );
    expect(await store.deleteProcessedBefore(new Date(Date.now() - 30 * 24 * 3600 * 1000))).toBe(1);
    expect(await store.claim('retention', eventId)).toBe(true);
  });
});
