import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * Issue #17: each camera's reference view (every take kept: who, when, why, the image and its
 * signature) and the view check's reported state per camera, so a restart neither repeats nor
 * forgets a `tampered` it published.
 */
export class CreateCameraReferenceViews1795900000010 implements MigrationInterface {
  name = 'CreateCameraReferenceViews1795900000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "camera_reference_views" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "image_bucket" text NOT NULL,
        "image_key" text NOT NULL,
        "image_sha256" text NOT NULL,
        "image_bytes" integer NOT NULL,
        "signature" jsonb NOT NULL,
        "taken_by" text NOT NULL,
        "taken_by_role" text NOT NULL,
        "reason" text NOT NULL,
        "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "replaced_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_camera_reference_views" PRIMARY KEY ("id"))`);
    // One current view per camera: a re-take replaces it in the same transaction.
    await queryRunner.query(`
      CREATE UNIQUE INDEX "UQ_camera_reference_views_current"
        ON "camera_reference_views" ("enterprise_id", "camera_id") WHERE "replaced_at" IS NULL`);
    await queryRunner.query(`
      CREATE INDEX "IDX_camera_reference_views_camera"
        ON "camera_reference_views" ("enterprise_id", "camera_id", "taken_at")`);
    await queryRunner.query(`
      CREATE TABLE "camera_view_states" (
        "enterprise_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "tamper_kind" text,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_camera_view_states" PRIMARY KEY ("enterprise_id", "camera_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "camera_view_states"`);
    await queryRunner.query(`DROP TABLE "camera_reference_views"`);
  }
}
