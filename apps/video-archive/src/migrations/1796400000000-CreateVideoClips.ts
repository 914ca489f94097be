import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

export class CreateVideoClips1796400000000 implements MigrationInterface {
  name = 'CreateVideoClips1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "video_clips" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "site_id" text NOT NULL,
        "passage_id" text NOT NULL,
        "direction" text NOT NULL,
        "camera_id" text NOT NULL,
        "captured_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "requested_from" TIMESTAMP WITH TIME ZONE NOT NULL,
        "requested_to" TIMESTAMP WITH TIME ZONE NOT NULL,
        "give_up_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "actual_from" TIMESTAMP WITH TIME ZONE,
        "actual_to" TIMESTAMP WITH TIME ZONE,
        "bucket" text,
        "object_key" text,
        "sha256" text,
        "bytes" bigint,
        "reason" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "published_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_video_clips" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_video_clips_status" CHECK ("status" IN ('pending', 'archived', 'missing'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_video_clips_passage_camera" ON "video_clips" ("enterprise_id", "passage_id", "direction", "camera_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_video_clips_unfinished" ON "video_clips" ("requested_to") WHERE "published_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_video_clips_unfinished"`);
    await queryRunner.query(`DROP INDEX "UQ_video_clips_passage_camera"`);
    await queryRunner.query(`DROP TABLE "video_clips"`);
  }
}
