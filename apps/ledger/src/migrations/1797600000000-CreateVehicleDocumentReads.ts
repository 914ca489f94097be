import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * Vehicle documents read by plate recognition (随车清单 QR code, 行驶证 OCR) as background jobs,
 * and the vehicles whose stage evidence disagrees between sources (docs/ledger.md "Vehicle
 * documents"). New tables, not columns on `vehicles` / `vehicle_stage_evidence`: those rows are
 * hash-chained with every column, and a new column would change the content of rows already chained.
 */
export class CreateVehicleDocumentReads1797600000000 implements MigrationInterface {
  name = 'CreateVehicleDocumentReads1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "vehicle_document_reads" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "vehicle_id" uuid NOT NULL,
        "plate" text NOT NULL,
        "kind" text NOT NULL,
        "document" jsonb NOT NULL,
        "state" text NOT NULL,
        "outcome" text,
        "reason" text,
        "result" jsonb,
        "evidence_id" uuid,
        "attempts" integer NOT NULL DEFAULT 0,
        "due_at" TIMESTAMP WITH TIME ZONE,
        "batch_id" uuid,
        "requested_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "read_at" TIMESTAMP WITH TIME ZONE,
        "confirmed_by" text,
        "confirmed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_vehicle_document_reads_state" CHECK ("state" IN ('queued', 'read', 'needs-person', 'confirmed')),
        CONSTRAINT "CHK_vehicle_document_reads_kind" CHECK ("kind" IN ('inventory-list', 'driving-licence')),
        CONSTRAINT "PK_vehicle_document_reads" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_document_reads_vehicle" ON "vehicle_document_reads" ("enterprise_id", "vehicle_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_document_reads_due" ON "vehicle_document_reads" ("state", "due_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_document_reads_batch" ON "vehicle_document_reads" ("enterprise_id", "batch_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_document_reads_evidence" ON "vehicle_document_reads" ("evidence_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "vehicle_stage_reviews" (
        "vehicle_id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "plate" text NOT NULL,
        "state" text NOT NULL,
        "sources" jsonb NOT NULL,
        "flagged_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "resolved_by" text,
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "note" text,
        CONSTRAINT "CHK_vehicle_stage_reviews_state" CHECK ("state" IN ('open', 'resolved')),
        CONSTRAINT "PK_vehicle_stage_reviews" PRIMARY KEY ("vehicle_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_stage_reviews_state" ON "vehicle_stage_reviews" ("enterprise_id", "state", "flagged_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "vehicle_stage_reviews"`);
    await queryRunner.query(`DROP TABLE "vehicle_document_reads"`);
  }
}
