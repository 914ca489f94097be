import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * Issue #17: every tampering of a camera as an episode (from `tampered` to `recovered`), so an
 * inspection can count them over a period; `camera_statuses` keeps only the latest status.
 */
export class CreateCameraTamperEpisodes1797730000000 implements MigrationInterface {
  name = 'CreateCameraTamperEpisodes1797730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "camera_tamper_episodes" (
        "enterprise_id" text NOT NULL,
        "episode_id" uuid NOT NULL,
        "camera_id" text NOT NULL,
        "kind" text,
        "source" text NOT NULL,
        "reason" text NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        "end_reason" text,
        "reference_key" text,
        "current_key" text,
        "scores" jsonb,
        "restored_key" text,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_camera_tamper_episodes" PRIMARY KEY ("enterprise_id", "episode_id"))`);
    // One open episode per camera: a change of kind closes it before the next one opens.
    await queryRunner.query(`
      CREATE UNIQUE INDEX "UQ_camera_tamper_episodes_open"
        ON "camera_tamper_episodes" ("enterprise_id", "camera_id") WHERE "ended_at" IS NULL`);
    await queryRunner.query(`
      CREATE INDEX "IDX_camera_tamper_episodes_started"
        ON "camera_tamper_episodes" ("enterprise_id", "started_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "camera_tamper_episodes"`);
  }
}
