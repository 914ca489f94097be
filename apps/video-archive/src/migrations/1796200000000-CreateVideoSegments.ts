import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

export class CreateVideoSegments1796200000000 implements MigrationInterface {
  name = 'CreateVideoSegments1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "video_segments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "enterprise_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "start_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "end_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "bytes" bigint NOT NULL,
        "sha256" text NOT NULL,
        "bucket" text NOT NULL,
        "object_key" text NOT NULL,
        "archived_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_video_segments" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_video_segments_camera_start" ON "video_segments" ("camera_id", "start_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_video_segments_window" ON "video_segments" ("enterprise_id", "camera_id", "start_at", "end_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_video_segments_window"`);
    await queryRunner.query(`DROP INDEX "UQ_video_segments_camera_start"`);
    await queryRunner.query(`DROP TABLE "video_segments"`);
  }
}
