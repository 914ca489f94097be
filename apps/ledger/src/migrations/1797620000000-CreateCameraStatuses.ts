import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Issue #23: each camera's latest status (`camera.status.changed.v1`) for the alert view's cameras offline. */
export class CreateCameraStatuses1797620000000 implements MigrationInterface {
  name = 'CreateCameraStatuses1797620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "camera_statuses" (
        "enterprise_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "status" text NOT NULL,
        "reason" text NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_camera_statuses" PRIMARY KEY ("enterprise_id", "camera_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "camera_statuses"`);
  }
}
