import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * Issue #17: a camera's latest status keeps the view check's evidence when it is `tampered` (or
 * `recovered` from it): the kind, the before/after pair of object keys and the scores.
 */
export class AddCameraStatusTamper1797710000000 implements MigrationInterface {
  name = 'AddCameraStatusTamper1797710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "camera_statuses"
        ADD COLUMN "tamper_kind" text,
        ADD COLUMN "tamper_reference_key" text,
        ADD COLUMN "tamper_current_key" text,
        ADD COLUMN "tamper_scores" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "camera_statuses"
        DROP COLUMN "tamper_scores",
        DROP COLUMN "tamper_current_key",
        DROP COLUMN "tamper_reference_key",
        DROP COLUMN "tamper_kind"`);
  }
}
