import { randomUUID } from 'node:crypto';
import { createDataSource, type DataSource, type TemporaryDatabase } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { loadInfraEnv } from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import {
  ensurePartition,
  ensureUpcomingPartitions,
  listPassagePartitions,
  partitionOf,
} from '../partitions/passage-partitions';
import { migratedDatabase } from '../testing/ledger-harness';
import { PassageRetention } from './passage-retention';

jest.setTimeout(60_000);

const logger = createLogger({ service: 'ledger-it', level: 'silent' });
const settings = { floors: { videoDays: 180, ledgerDays: 365 }, defaultLedgerDays: 365 };
const now = new Date();
/** The middle of the UTC month `offset` months from now. */
const monthsAgo = (months: number): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 15, 12));

async function insertPassage(db: DataSource, enterpriseId: string, capturedAt: Date): Promise<string> {
  const id = randomUUID();
  const decisionId = `d-${id}`;
  await db.query(
    `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
       "entry_decision_id", "entry_captured_at", "completeness", "missing_fields")
     VALUES ($1, $2, 'site-1', '冀B00001', 'yellow', 'inside', $3, $4, $3, 0.5, '[]')`,
    [id, enterpriseId, capturedAt, decisionId],
  );
  await db.query(
    `INSERT INTO "passage_decisions" ("enterprise_id", "decision_id", "passage_id", "direction", "captured_at")
     VALUES ($1, $2, $3, 'in', $4)`,
    [enterpriseId, decisionId, id, capturedAt],
  );
  return id;
}

describe('passage partitions and retention against Postgres', () => {
  const infra = loadInfraEnv();
  const databases: TemporaryDatabase[] = [];
  const open = async (url: string, migrations = ledgerMigrations): Promise<DataSource> => {
    const db = createDataSource({ url, entities: ledgerEntities, migrations, logging: false });
    await db.initialize();
    return db;
  };

  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('partitions an existing ledger without losing a row and backfills the decision claims', async () => {
    // Up to the migration before partitioning, with rows of two months in the old table.
    const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_part', ledgerMigrations.slice(0, 2));
    databases.push(database);
    const before = await open(database.url, ledgerMigrations.slice(0, 2));
    const rows = [monthsAgo(14), now];
    for (const [i, at] of rows.entries()) {
      await before.query(
        `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
           "entry_decision_id", "exit_decision_id", "completeness", "missing_fields")
         VALUES ($1, 'ent-old', 'site-1', $2, 'yellow', 'completed', $3, $4, $5, 0.9, '[]')`,
        [randomUUID(), `冀B0000${i}`, at, `d-in-${i}`, `d-out-${i}`],
      );
    }
    await before.destroy();

    const after = await open(database.url);
    await after.runMigrations({ transaction: 'each' });
    const moved: { plate: string; partition: string }[] = await after.query(
      `SELECT "plate", tableoid::regclass::text AS "partition" FROM "passages" ORDER BY "captured_at"`,
    );
    expect(moved).toEqual([
      { plate: '冀B00000', partition: partitionOf(rows[0]!).name },
      { plate: '冀B00001', partition: partitionOf(now).name },
    ]);
    const claims: { n: string }[] = await after.query(`SELECT count(*) AS "n" FROM "passage_decisions"`);
    expect(claims[0]!.n).toBe('4');
    const [kind] = (await after.query(`SELECT relkind FROM pg_class WHERE relname = 'passages'`)) as {
      relkind: string;
    }[];
    expect(kind!.relkind).toBe('p');
    await after.destroy();
  });

  it('drops only partitions past the longest retention of any enterprise, and reports them', async () => {
    const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_ret');
    databases.push(database);
    const db = await open(database.url);
    // 30 months: past every retention; 20 months: past 365 days but not past ent-long's 800;
    // 11 months: inside the floor; the current month: live rows.
    const ages = { ancient: monthsAgo(30), old: monthsAgo(20), recent: monthsAgo(11), current: now };
    for (const at of Object.values(ages)) await db.transaction((tx) => ensurePartition(tx, at));
    await insertPassage(db, 'ent-a', ages.ancient);
    await insertPassage(db, 'ent-b', ages.ancient);
    await insertPassage(db, 'ent-a', ages.old);
    await insertPassage(db, 'ent-a', ages.recent);
    const live = await insertPassage(db, 'ent-a', ages.current);
    await db.query(
      `INSERT INTO "retention_policies" ("enterprise_id", "ledger_days", "set_by", "set_at") VALUES ('ent-long', 800, 'it', now())`,
    );

    const first = await new PassageRetention(db, settings, logger).run(now);
    expect(first.keepDays).toBe(800);
    expect(first.dropped).toEqual([
      expect.objectContaining({ partition: partitionOf(ages.ancient).name, rows: 2, claims: 2 }),
    ]);
    expect(first.kept).toEqual(
      expect.arrayContaining([
        partitionOf(ages.old).name,
        partitionOf(ages.recent).name,
        partitionOf(now).name,
      ]),
    );

    // Once no enterprise asks for more than the floor, the 20-month partition goes too.
    await db.query(`DELETE FROM "retention_policies"`);
    const second = await new PassageRetention(db, settings, logger).run(now);
    expect(second.keepDays).toBe(365);
    expect(second.dropped.map((d) => [d.partition, d.rows])).toEqual([[partitionOf(ages.old).name, 1]]);

    const left: { n: string }[] = await db.query(`SELECT count(*) AS "n" FROM "passages"`);
    expect(left[0]!.n).toBe('2');
    const current: { id: string }[] = await db.query(`SELECT "id" FROM "passages" WHERE "captured_at" = $1`, [
      now,
    ]);
    expect(current).toEqual([{ id: live }]);
    const claims: { n: string }[] = await db.query(`SELECT count(*) AS "n" FROM "passage_decisions"`);
    expect(claims[0]!.n).toBe('2');
    // A floor above the data's age keeps everything.
    const strict = await new PassageRetention(db, { ...settings, defaultLedgerDays: 5000 }, logger).run(now);
    expect(strict.dropped).toEqual([]);
    await db.destroy();
  });

  it('creates the coming months ahead, once', async () => {
    const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_ahead');
    databases.push(database);
    const db = await open(database.url);
    await ensureUpcomingPartitions(db.manager, now, 3);
    const again = await ensureUpcomingPartitions(db.manager, now, 3);
    expect(again).toEqual([]);
    const names = (await listPassagePartitions(db.manager)).map((p) => p.name);
    const expected = [0, 1, 2, 3].map(
      (m) => partitionOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + m, 1))).name,
    );
    expect(names).toEqual(expect.arrayContaining(expected));
    await db.destroy();
  });
});
