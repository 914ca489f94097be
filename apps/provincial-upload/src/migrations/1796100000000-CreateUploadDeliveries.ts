import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

export class CreateUploadDeliveries1796100000000 implements MigrationInterface {
  name = 'CreateUploadDeliveries1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "upload_deliveries" (
        "serial" text NOT NULL,
        "enterprise_id" text NOT NULL,
        "passage_id" text NOT NULL,
        "direction" text NOT NULL,
        "revision" integer NOT NULL,
        "captured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "produced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "passage" jsonb NOT NULL,
        "overrides" jsonb,
        "state" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_error" text,
        "rejection_reason" text,
        "claim_token" uuid,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "acknowledged_at" TIMESTAMP WITH TIME ZONE,
        "ack_status" text,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_upload_deliveries" PRIMARY KEY ("serial")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_upload_deliveries_dispatch" ON "upload_deliveries" ("enterprise_id", "state", "captured_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_upload_deliveries_passage" ON "upload_deliveries" ("enterprise_id", "passage_id", "direction")`,
    );
    await queryRunner.query(`
      CREATE TABLE "upload_corrections" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "serial" text NOT NULL,
        "actor" text NOT NULL,
        "corrected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "before" jsonb,
        "after" jsonb NOT NULL,
        "previous_reason" text,
        CONSTRAINT "PK_upload_corrections" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_upload_corrections_serial" ON "upload_corrections" ("enterprise_id", "serial")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_upload_corrections_serial"`);
    await queryRunner.query(`DROP TABLE "upload_corrections"`);
    await queryRunner.query(`DROP INDEX "IDX_upload_deliveries_passage"`);
    await queryRunner.query(`DROP INDEX "IDX_upload_deliveries_dispatch"`);
    await queryRunner.query(`DROP TABLE "upload_deliveries"`);
  }
}
