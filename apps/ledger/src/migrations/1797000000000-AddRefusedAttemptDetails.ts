import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * What a person needs to see of a refused attempt (the console's 拦截记录): plate colour, stage and
 * its source, alert level, the lane's message, and for a refusal by hand the operator and their
 * reason. Rows already there keep nulls in those (the decisions are gone); `manual` is set on the
 * ones whose reasons say `manual`. The window index becomes (enterprise, captured_at, id), the
 * order of the keyset pages, and a plate index serves the search by plate. `down` drops the
 * columns and restores the old index; every other value stays.
 */
export class AddRefusedAttemptDetails1797000000000 implements MigrationInterface {
  name = 'AddRefusedAttemptDetails1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "refused_attempts" ADD "plate_colour" text, ADD "stage" text, ADD "stage_source" text,
        ADD "alert_level" text, ADD "message" jsonb, ADD "manual" boolean NOT NULL DEFAULT false,
        ADD "operator_id" text, ADD "operator_reason" text`,
    );
    await queryRunner.query(`UPDATE "refused_attempts" SET "manual" = true WHERE "reasons" @> '["manual"]'`);
    await queryRunner.query(`DROP INDEX "IDX_refused_attempts_window"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_refused_attempts_page" ON "refused_attempts" ("enterprise_id", "captured_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refused_attempts_plate" ON "refused_attempts" ("enterprise_id", "plate", "captured_at", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_refused_attempts_plate"`);
    await queryRunner.query(`DROP INDEX "IDX_refused_attempts_page"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_refused_attempts_window" ON "refused_attempts" ("enterprise_id", "captured_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "refused_attempts" DROP COLUMN "operator_reason", DROP COLUMN "operator_id",
        DROP COLUMN "manual", DROP COLUMN "message", DROP COLUMN "alert_level", DROP COLUMN "stage_source",
        DROP COLUMN "stage", DROP COLUMN "plate_colour"`,
    );
  }
}
