import { randomUUID } from 'node:crypto';
import { createDataSource, type DataSource, type TemporaryDatabase } from '@ecogate/persistence';
import { loadInfraEnv, releaseAll } from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import { AddRefusedAttemptDetails1797000000000 } from '../migrations/1797000000000-AddRefusedAttemptDetails';
import { migratedDatabase } from '../testing/ledger-harness';

describe('AddRefusedAttemptDetails against Postgres', () => {
  const infra = loadInfraEnv();
  let database: TemporaryDatabase | undefined;
  afterAll(() => releaseAll(() => database?.drop()));

  const open = async (url: string, migrations = ledgerMigrations): Promise<DataSource> => {
    const db = createDataSource({ url, entities: ledgerEntities, migrations, logging: false });
    await db.initialize();
    return db;
  };

  it('keeps the rows already there with null details, marks the manual ones, and reverts', async () => {
    // Up to the migration before, then this one (later ones may follow in the list).
    const at = ledgerMigrations.indexOf(AddRefusedAttemptDetails1797000000000);
    const before = ledgerMigrations.slice(0, at);
    database = await migratedDatabase(infra.DATABASE_URL, 'ledger_refused', before);
    const old = await open(database.url, before);
    for (const [plate, reasons] of [
      ['冀B00001', ['manual']],
      ['冀B00002', ['stage-below-minimum']],
    ] as const) {
      await old.query(
        `INSERT INTO "refused_attempts" ("id", "enterprise_id", "decision_id", "site_id", "gate_id", "lane_id",
           "direction", "plate", "verdict", "reasons", "captured_at")
         VALUES ($1, 'ent-old', $2, 'site-1', 'east-1', 'lane-in', 'in', $3, 'deny', $4, now())`,
        [randomUUID(), `d-${plate}`, plate, JSON.stringify(reasons)],
      );
    }
    await old.destroy();

    const db = await open(database.url, ledgerMigrations.slice(0, at + 1));
    try {
      await db.runMigrations({ transaction: 'each' });
      const rows: Record<string, unknown>[] = await db.query(
        `SELECT "plate", "manual", "plate_colour", "stage", "stage_source", "alert_level", "message",
           "operator_id", "operator_reason" FROM "refused_attempts" ORDER BY "plate"`,
      );
      const nulls = {
        plate_colour: null,
        stage: null,
        stage_source: null,
        alert_level: null,
        message: null,
        operator_id: null,
        operator_reason: null,
      };
      expect(rows).toEqual([
        { plate: '冀B00001', manual: true, ...nulls },
        { plate: '冀B00002', manual: false, ...nulls },
      ]);
      const indexes: { indexname: string }[] = await db.query(
        `SELECT "indexname" FROM pg_indexes WHERE "tablename" = 'refused_attempts' ORDER BY "indexname"`,
      );
      expect(indexes.map((i) => i.indexname)).toEqual([
        'IDX_refused_attempts_page',
        'IDX_refused_attempts_plate',
        'PK_refused_attempts',
        'UQ_refused_attempts_decision',
      ]);

      // Reversible without losing a row.
      await db.undoLastMigration({ transaction: 'each' });
      const back: { n: string }[] = await db.query(`SELECT count(*) AS "n" FROM "refused_attempts"`);
      expect(back[0]!.n).toBe('2');
      await db.runMigrations({ transaction: 'each' });
    } finally {
      await db.destroy();
    }
  });
});
