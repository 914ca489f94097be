import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * Issue #16: each sampled video window's scan by the video archive (requested and followed by the
 * ledger's window-scan follower; the archive's last report kept as jsonb), and barrier control's
 * violations (`gate.violation.detected.v1`), one row per violation id, for the inspection indicators.
 */
export class AddWindowScansAndViolations1797420000000 implements MigrationInterface {
  name = 'AddWindowScansAndViolations1797420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "inspection_items"
        ADD "scan_state" text,
        ADD "scan_id" text,
        ADD "scan" jsonb,
        ADD "scan_attempts" integer NOT NULL DEFAULT 0,
        ADD "scan_error" text,
        ADD "scan_due_at" TIMESTAMP WITH TIME ZONE`);
    // Windows drawn before this migration get their scan too (the follower picks them up).
    await queryRunner.query(
      `UPDATE "inspection_items" SET "scan_state" = 'requesting', "scan_due_at" = now() WHERE "kind" = 'window'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_inspection_items_scan_due" ON "inspection_items" ("scan_due_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "gate_violations" (
        "enterprise_id" text NOT NULL,
        "violation_id" text NOT NULL,
        "site_id" text NOT NULL,
        "gate_id" text NOT NULL,
        "lane_id" text NOT NULL,
        "direction" text NOT NULL,
        "kind" text NOT NULL,
        "plate" text,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "details" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gate_violations" PRIMARY KEY ("enterprise_id", "violation_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_gate_violations_at" ON "gate_violations" ("enterprise_id", "at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "gate_violations"`);
    await queryRunner.query(`DROP INDEX "IDX_inspection_items_scan_due"`);
    await queryRunner.query(`
      ALTER TABLE "inspection_items"
        DROP COLUMN "scan_due_at",
        DROP COLUMN "scan_error",
        DROP COLUMN "scan_attempts",
        DROP COLUMN "scan",
        DROP COLUMN "scan_id",
        DROP COLUMN "scan_state"`);
  }
}
