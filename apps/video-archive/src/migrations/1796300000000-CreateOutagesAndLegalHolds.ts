import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

export class CreateOutagesAndLegalHolds1796300000000 implements MigrationInterface {
  name = 'CreateOutagesAndLegalHolds1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outage_filings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "enterprise_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "from_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "to_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "reason" text NOT NULL,
        "filed_by" text NOT NULL,
        "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_outage_filings" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_outage_filings_window" CHECK ("to_at" > "from_at")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_outage_filings_window" ON "outage_filings" ("enterprise_id", "camera_id", "from_at", "to_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "camera_outages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "enterprise_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "start_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "end_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "filing_id" uuid,
        "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_camera_outages" PRIMARY KEY ("id"),
        CONSTRAINT "FK_camera_outages_filing" FOREIGN KEY ("filing_id") REFERENCES "outage_filings" ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_camera_outages_start" ON "camera_outages" ("enterprise_id", "camera_id", "start_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "legal_holds" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "enterprise_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "from_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "to_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "hold" boolean NOT NULL,
        "reason" text NOT NULL,
        "requested_by" text NOT NULL,
        "objects" integer NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_legal_holds" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_legal_holds_camera" ON "legal_holds" ("enterprise_id", "camera_id", "requested_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_legal_holds_camera"`);
    await queryRunner.query(`DROP TABLE "legal_holds"`);
    await queryRunner.query(`DROP INDEX "UQ_camera_outages_start"`);
    await queryRunner.query(`DROP TABLE "camera_outages"`);
    await queryRunner.query(`DROP INDEX "IDX_outage_filings_window"`);
    await queryRunner.query(`DROP TABLE "outage_filings"`);
  }
}
