import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Ledger A: vehicles with stage evidence, passages, refused attempts, alert levels, audit log. */
export class CreateLedger1796200000000 implements MigrationInterface {
  name = 'CreateLedger1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "vehicles" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "plate" text NOT NULL,
        "plate_colour" text NOT NULL,
        "vin" text,
        "engine_no" text,
        "registration_date" date,
        "category" text,
        "fuel" text,
        "fleet" text,
        "inventory_list" jsonb,
        "driving_licence" jsonb,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_vehicles" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_vehicles_enterprise_plate" ON "vehicles" ("enterprise_id", "plate")`,
    );
    await queryRunner.query(`
      CREATE TABLE "vehicle_stage_evidence" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "vehicle_id" uuid NOT NULL,
        "stage" text NOT NULL,
        "source" text NOT NULL,
        "confirmed_by" text,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_vehicle_stage_evidence" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_stage_evidence_vehicle" ON "vehicle_stage_evidence" ("enterprise_id", "vehicle_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "passages" (
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
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_passages" PRIMARY KEY ("id")
      )`);
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
    await queryRunner.query(`
      CREATE TABLE "refused_attempts" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "decision_id" text NOT NULL,
        "site_id" text NOT NULL,
        "gate_id" text NOT NULL,
        "lane_id" text NOT NULL,
        "direction" text NOT NULL,
        "plate" text NOT NULL,
        "verdict" text NOT NULL,
        "reasons" jsonb NOT NULL,
        "captured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_refused_attempts" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_refused_attempts_window" ON "refused_attempts" ("enterprise_id", "captured_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_refused_attempts_decision" ON "refused_attempts" ("enterprise_id", "decision_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "alert_levels" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "level" text NOT NULL,
        "reason" text,
        "set_by" text NOT NULL,
        "set_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_alert_levels" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_alert_levels_enterprise_set_at" ON "alert_levels" ("enterprise_id", "set_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "actor" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" text NOT NULL,
        "action" text NOT NULL,
        "before" jsonb,
        "after" jsonb,
        CONSTRAINT "PK_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_entity" ON "audit_log" ("enterprise_id", "entity_type", "entity_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "alert_levels"`);
    await queryRunner.query(`DROP TABLE "refused_attempts"`);
    await queryRunner.query(`DROP TABLE "passages"`);
    await queryRunner.query(`DROP TABLE "vehicle_stage_evidence"`);
    await queryRunner.query(`DROP TABLE "vehicles"`);
  }
}
