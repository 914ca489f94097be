import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Excel export jobs (docs/ledger.md, Export): their state lives here so any replica answers and a restart resumes. */
export class CreateExportJobs1796850000000 implements MigrationInterface {
  name = 'CreateExportJobs1796850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "export_jobs" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "enterprise_ids" text array NOT NULL,
        "ledger" text NOT NULL,
        "filters" jsonb NOT NULL,
        "state" text NOT NULL,
        "requested_by" text NOT NULL,
        "rows" integer NOT NULL DEFAULT 0,
        "total_rows" integer,
        "error" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "worker" text,
        "object_key" text,
        "file_name" text,
        "bytes" bigint,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "heartbeat_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_export_jobs_state" CHECK ("state" IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT "PK_export_jobs" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_export_jobs_enterprise_created" ON "export_jobs" ("enterprise_id", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_export_jobs_state" ON "export_jobs" ("state")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "export_jobs"`);
  }
}
