import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** The columns of `passages`, in table order (the copy relies on it). */
const PASSAGE_COLUMNS = `
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "site_id" text NOT NULL,
        "plate" text NOT NULL,
        "plate_colour" text NOT NULL,
        "state" text NOT NULL,
        "captured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "entry_gate_id" text,
        "entry_lane_id" text,
        "entry_captured_at" TIMESTAMP WITH TIME ZONE,
        "entry_decision_id" text,
        "entry_verdict" text,
        "entry_reasons" jsonb,
        "entry_photos" jsonb,
        "entry_revision" integer NOT NULL DEFAULT 0,
        "exit_gate_id" text,
        "exit_lane_id" text,
        "exit_captured_at" TIMESTAMP WITH TIME ZONE,
        "exit_decision_id" text,
        "exit_verdict" text,
        "exit_reasons" jsonb,
        "exit_photos" jsonb,
        "exit_revision" integer NOT NULL DEFAULT 0,
        "stage" text,
        "stage_source" text,
        "cargo_name" text,
        "cargo_tonnes" numeric(4,1),
        "fleet" text,
        "completeness" real NOT NULL,
        "missing_fields" jsonb NOT NULL,
        "revision" integer NOT NULL DEFAULT 1,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;

/**
 * `passages` becomes RANGE-partitioned by month (UTC) on `captured_at`, keeping every row: the
 * old table is renamed, the partitioned one created with a partition for each month that has
 * rows (and the current one), the rows copied, the old table dropped. A unique index over a
 * partitioned table must contain the partition key, so decision idempotency moves to the small
 * `passage_decisions` claim table (backfilled here). Later months are created by the service's
 * partition maintenance.
 */
export class PartitionPassages1796400000000 implements MigrationInterface {
  name = 'PartitionPassages1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "passages" RENAME TO "passages_unpartitioned"`);
    await queryRunner.query(
      `ALTER TABLE "passages_unpartitioned" RENAME CONSTRAINT "PK_passages" TO "PK_passages_unpartitioned"`,
    );
    for (const index of [
      'IDX_passages_window',
      'IDX_passages_open',
      'UQ_passages_entry_decision',
      'UQ_passages_exit_decision',
    ]) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
    await queryRunner.query(`
      CREATE TABLE "passages" (${PASSAGE_COLUMNS},
        CONSTRAINT "PK_passages" PRIMARY KEY ("id", "captured_at")
      ) PARTITION BY RANGE ("captured_at")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_passages_window" ON "passages" ("enterprise_id", "captured_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_passages_open" ON "passages" ("enterprise_id", "plate", "state")`,
    );
    // One partition per month that has rows, plus the current month.
    const months: { month: string }[] = await queryRunner.query(`
      SELECT DISTINCT to_char(date_trunc('month', "captured_at" AT TIME ZONE 'UTC'), 'YYYY-MM') AS "month"
        FROM "passages_unpartitioned"
      UNION SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC'), 'YYYY-MM')`);
    for (const { month } of months) await createMonth(queryRunner, month);
    await queryRunner.query(`INSERT INTO "passages" SELECT * FROM "passages_unpartitioned"`);

    await queryRunner.query(`
      CREATE TABLE "passage_decisions" (
        "enterprise_id" text NOT NULL,
        "decision_id" text NOT NULL,
        "passage_id" uuid NOT NULL,
        "direction" text NOT NULL,
        "captured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_passage_decisions" PRIMARY KEY ("enterprise_id", "decision_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_passage_decisions_captured_at" ON "passage_decisions" ("captured_at")`,
    );
    await queryRunner.query(`
      INSERT INTO "passage_decisions" ("enterprise_id", "decision_id", "passage_id", "direction", "captured_at")
      SELECT "enterprise_id", "entry_decision_id", "id", 'in', "captured_at"
        FROM "passages_unpartitioned" WHERE "entry_decision_id" IS NOT NULL
      UNION ALL
      SELECT "enterprise_id", "exit_decision_id", "id", 'out', "captured_at"
        FROM "passages_unpartitioned" WHERE "exit_decision_id" IS NOT NULL`);
    await queryRunner.query(`DROP TABLE "passages_unpartitioned"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "passages" RENAME TO "passages_partitioned"`);
    await queryRunner.query(
      `ALTER TABLE "passages_partitioned" RENAME CONSTRAINT "PK_passages" TO "PK_passages_partitioned"`,
    );
    await queryRunner.query(`DROP INDEX "IDX_passages_window"`);
    await queryRunner.query(`DROP INDEX "IDX_passages_open"`);
    await queryRunner.query(`
      CREATE TABLE "passages" (${PASSAGE_COLUMNS},
        CONSTRAINT "PK_passages" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`INSERT INTO "passages" SELECT * FROM "passages_partitioned"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_passages_window" ON "passages" ("enterprise_id", "captured_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_passages_open" ON "passages" ("enterprise_id", "plate", "state")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_passages_entry_decision" ON "passages" ("enterprise_id", "entry_decision_id") WHERE "entry_decision_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_passages_exit_decision" ON "passages" ("enterprise_id", "exit_decision_id") WHERE "exit_decision_id" IS NOT NULL`,
    );
    // Dropping the parent drops its partitions.
    await queryRunner.query(`DROP TABLE "passages_partitioned"`);
    await queryRunner.query(`DROP TABLE "passage_decisions"`);
  }
}

/** `passages_pYYYYMM` for [month, next month) in UTC; `month` is `YYYY-MM` from the query above. */
async function createMonth(queryRunner: QueryRunner, month: string): Promise<void> {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`unexpected month ${month}`);
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(year, mm - 1, 1)).toISOString();
  const to = new Date(Date.UTC(year, mm, 1)).toISOString();
  await queryRunner.query(
    `CREATE TABLE "passages_p${month.replace('-', '')}" PARTITION OF "passages" FOR VALUES FROM ('${from}') TO ('${to}')`,
  );
}
