import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Window scans: plates read from the archived video of an inspector's window (issue #16). */
export class CreateWindowScans1797400000000 implements MigrationInterface {
  name = 'CreateWindowScans1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "video_window_scans" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "window_key" text NOT NULL,
        "from_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "to_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "camera_ids" text[] NOT NULL,
        "status" text NOT NULL DEFAULT 'queued',
        "frames_done" integer NOT NULL DEFAULT 0,
        "frames_total" integer NOT NULL DEFAULT 0,
        "error" text,
        "result" jsonb,
        "attempts" integer NOT NULL DEFAULT 0,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_video_window_scans" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_video_window_scans_status" CHECK ("status" IN ('queued', 'running', 'done', 'failed'))
      )`);
    // The same window asked again (the ledger retries) finds the scan already there.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_video_window_scans_window" ON "video_window_scans" ("enterprise_id", "window_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_video_window_scans_unfinished" ON "video_window_scans" ("created_at") WHERE "status" IN ('queued', 'running')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_video_window_scans_unfinished"`);
    await queryRunner.query(`DROP INDEX "UQ_video_window_scans_window"`);
    await queryRunner.query(`DROP TABLE "video_window_scans"`);
  }
}
