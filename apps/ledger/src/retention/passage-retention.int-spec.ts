import { randomUUID } from 'node:crypto';
import { createDataSource, type DataSource, type TemporaryDatabase } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { loadInfraEnv, releaseAll } from '@ecogate/testing';
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

const DAY_MS = 86_400_000;

/** A passage received when it was captured, unless the test says otherwise. */
async function insertPassage(
  db: DataSource,
  enterpriseId: string,
  capturedAt: Date,
  receivedAt: Date = capturedAt,
): Promise<string> {
  const id = randomUUID();
  const decisionId = `d-${id}`;
  await db.query(
    `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
       "received_at", "entry_decision_id", "entry_captured_at", "completeness", "missing_fields")
     VALUES ($1, $2, 'site-1', '冀B00001', 'yellow', 'inside', $3, $5, $4, $3, 0.5, '[]')`,
    [id, enterpriseId, capturedAt, decisionId, receivedAt],
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

  afterAll(() => releaseAll(...databases.map((database) => () => database.drop())));

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
    // Receipt times of rows already there come from the ledger's own clock (`updated_at`).
    const received: { same: boolean }[] = await after.query(
      `SELECT "received_at" = "updated_at" AS "same" FROM "passages"`,
    );
    expect(received).toEqual([{ same: true }, { same: true }]);
    // Reversible without losing a row.
    await after.undoLastMigration({ transaction: 'each' });
    const back: { n: string }[] = await after.query(`SELECT count(*) AS "n" FROM "passages"`);
    expect(back[0]!.n).toBe('2');
    await after.runMigrations({ transaction: 'each' });
    await after.destroy();
  });

  it('drops only partitions past the longest retention of any enterprise, deletes the rows of the others', async () => {
    const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_ret');
    databases.push(database);
    const db = await open(database.url);
    // 30 months: past every retention; 20 months: past 365 days (ent-a's rows go) but not past ent-long's 800;
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
    expect(first.deleted).toEqual([
      { partition: partitionOf(ages.old).name, ledgerDays: 365, rows: 1, claims: 1 },
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
    expect(second.dropped.map((d) => [d.partition, d.rows])).toEqual([[partitionOf(ages.old).name, 0]]);

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

  it('scopes retention per enterprise in a shared partition: 365 days deletes, 730 keeps', async () => {
    const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_tenants');
    databases.push(database);
    const db = await open(database.url);
    const old = new Date(now.getTime() - 500 * DAY_MS);
    await db.transaction((tx) => ensurePartition(tx, old));
    await insertPassage(db, 'ent-short', old);
    await insertPassage(db, 'ent-short', old);
    const long = await insertPassage(db, 'ent-long', old);
    await insertPassage(db, 'ent-default', old);
    // Received a month ago (a late decision): under every floor, so it stays whatever its month.
    const late = await insertPassage(db, 'ent-short', old, new Date(now.getTime() - 30 * DAY_MS));
    await db.query(
      `INSERT INTO "retention_policies" ("enterprise_id", "ledger_days", "set_by", "set_at")
       VALUES ('ent-short', 365, 'it', now()), ('ent-long', 730, 'it', now())`,
    );

    const report = await new PassageRetention(db, settings, logger).run(now);
    expect(report.keepDays).toBe(730);
    expect(report.dropped).toEqual([]);
    expect(report.kept).toContain(partitionOf(old).name);
    // ent-short's policy and the default for ent-default are both 365 days: two deletions.
    expect(report.deleted).toHaveLength(2);
    expect(report.deleted).toEqual(
      expect.arrayContaining([
        { partition: partitionOf(old).name, ledgerDays: 365, rows: 2, claims: 2 },
        { partition: partitionOf(old).name, ledgerDays: 365, rows: 1, claims: 1 },
      ]),
    );
    const left: { id: string }[] = await db.query(`SELECT "id" FROM "passages" ORDER BY "id"`);
    expect(left.map((r) => r.id)).toEqual([long, late].sort());
    const claims: { passage_id: string }[] = await db.query(
      `SELECT "passage_id" FROM "passage_decisions" ORDER BY "passage_id"`,
    );
    expect(claims.map((c) => c.passage_id)).toEqual([long, late].sort());

    // 300 days on, ent-long's 730 days are up too; the partition stays while the late row is
    // younger than the longest retention counted from its receipt.
    const later = new Date(now.getTime() + 300 * DAY_MS);
    const next = await new PassageRetention(db, settings, logger).run(later);
    expect(next.dropped).toEqual([]);
    expect(next.deleted).toEqual([{ partition: partitionOf(old).name, ledgerDays: 730, rows: 1, claims: 1 }]);
    const last = await new PassageRetention(db, settings, logger).run(new Date(now.getTime() + 800 * DAY_MS));
    // (The empty partition of this month, created by the migration, is past by then as well.)
    expect(last.dropped).toEqual(
      expect.arrayContaining([expect.objectContaining({ partition: partitionOf(old).name, rows: 1 })]),
    );
    await db.destroy();
  });

  it('never drops a partition holding a row received less than the floor ago, whatever its capture month', async () => {
    const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_clock');
    databases.push(database);
    const db = await open(database.url);
    // A camera clock of 2000, stored as sent (rows from before the intake bounded capture times).
    const wrongClock = new Date('2000-01-01T00:00:00Z');
    await db.transaction((tx) => ensurePartition(tx, wrongClock));
    const kept = await insertPassage(db, 'ent-a', wrongClock, now);

    const report = await new PassageRetention(db, settings, logger).run(now);
    expect(report.dropped).toEqual([]);
    expect(report.deleted).toEqual([]);
    expect(report.kept).toContain('passages_p200001');
    expect(await db.query(`SELECT "id" FROM "passages"`)).toEqual([{ id: kept }]);

    // A year and a day after its receipt it goes.
    const yearOn = await new PassageRetention(db, settings, logger).run(
      new Date(now.getTime() + 366 * DAY_MS),
    );
    // (Depending on the day, this month's empty partition may be past by then as well.)
    expect(yearOn.dropped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ partition: 'passages_p200001', rows: 1, claims: 1 }),
      ]),
    );
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
