import { expectEventually, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { runMigrations } from '../migrations/migration-runner';
import { createTemporaryDatabase, type TemporaryDatabase } from '../testing/temporary-database';
import { OutboxRelay, type OutboxRow } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

describe('transactional outbox against the real Postgres', () => {
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  const writer = new OutboxWriter();

  beforeAll(async () => {
    database = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'persistence_it');
    dataSource = createDataSource({ url: database.url, entities: [], migrations: [], logging: false });
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterAll(() =>
    releaseAll(
      () => dataSource?.destroy(),
      () => database?.drop(),
    ),
  );

  beforeEach(async () => {
    await dataSource.query(`TRUNCATE "outbox"`);
  });

  async function unsent(): Promise<{ id: string; attempts: number; last_error: string | null }[]> {
    return dataSource.query(
      `SELECT "id", "attempts", "last_error" FROM "outbox" WHERE "sent_at" IS NULL ORDER BY "id"`,
    );
  }

  async function addCommitted(count: number, topic = 'ledger.entry.created.v1'): Promise<void> {
    await dataSource.transaction(async (tx) => {
      for (let n = 0; n < count; n += 1) {
        await writer.add(tx, { topic, key: `lane-${n % 2}`, payload: { n }, headers: { 'x-n': String(n) } });
      }
    });
  }

  it('adds a message only when the caller transaction commits', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await writer.add(tx, { topic: 't', key: 'k', payload: { lost: true } });
        throw new Error('business write failed');
      }),
    ).rejects.toThrow('business write failed');
    expect(await unsent()).toEqual([]);

    await addCommitted(1);
    expect(await unsent()).toHaveLength(1);
  });

  it('relays unsent rows in id order and marks them sent', async () => {
    await addCommitted(5);
    const published: OutboxRow[] = [];
    const relay = new OutboxRelay(dataSource, async (rows) => {
      published.push(...rows);
    });

    expect(await relay.relayOnce()).toBe(5);
    expect(published.map((r) => r.payload)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(published[0]).toMatchObject({
      topic: 'ledger.entry.created.v1',
      key: 'lane-0',
      headers: { 'x-n': '0' },
    });
    expect(published.map((r) => BigInt(r.id))).toEqual([...published.map((r) => BigInt(r.id))].sort());
    expect(await unsent()).toEqual([]);
    expect(await relay.relayOnce()).toBe(0);
  });

  it('leaves rows unsent, with the attempt recorded, when publishing fails', async () => {
    await addCommitted(3);
    const failing = new OutboxRelay(dataSource, async () => {
      throw new Error('broker down');
    });

    await expect(failing.relayOnce()).rejects.toMatchObject({ code: 'outbox-publish-failed' });
    const rows = await unsent();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.attempts === 1 && r.last_error === 'Error: broker down')).toBe(true);

    const published: OutboxRow[] = [];
    const working = new OutboxRelay(dataSource, async (batch) => {
      published.push(...batch);
    });
    expect(await working.relayOnce()).toBe(3);
    expect(published.every((r) => r.attempts === 1)).toBe(true);
    expect(await unsent()).toEqual([]);
  });

  it('publishes in batches and never hands one row to two concurrent relays', async () => {
    await addCommitted(25);
    const seen: string[] = [];
    const publish = async (rows: readonly OutboxRow[]): Promise<void> => {
      seen.push(...rows.map((r) => r.id));
    };
    const relays = [1, 2, 3].map(() => new OutboxRelay(dataSource, publish, { batchSize: 10 }));
    for (let round = 0; round < 5; round += 1) await Promise.all(relays.map((r) => r.relayOnce()));

    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    // The advisory lock keeps one relay at a time, so the global order holds.
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('drains in the background until stopped, retrying after failures', async () => {
    let failuresLeft = 2;
    const published: OutboxRow[] = [];
    const relay = new OutboxRelay(
      dataSource,
      async (rows) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('flaky broker');
        }
        published.push(...rows);
      },
      { pollIntervalMs: 20, maxBackoffMs: 50 },
    );
    relay.start();
    try {
      await addCommitted(4);
      await expectEventually(() => expect(published).toHaveLength(4), { timeoutMs: 10_000 });
    } finally {
      await relay.stop();
    }
    expect(await unsent()).toEqual([]);
  });

  it('deletes rows sent before a cutoff', async () => {
    await addCommitted(2);
    const relay = new OutboxRelay(dataSource, async () => undefined);
    await relay.relayOnce();
    expect(await relay.deleteSentBefore(new Date(Date.now() + 60_000))).toBe(2);
  });
});
