import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * The console's review queue (待确认) and manual passages: per side the reads behind the decision
 * (`*_reads`) and a person's entry (`*_manual`), the `manual` flag, the review state with its
 * reasons and resolution, and the images of refused attempts. Rows already there get the reasons
 * their stored verdicts, read reasons and stage give (as `reviewReasonsOf` computes them), so a
 * doubtful passage recorded before is in the queue too. `down` drops the columns and the index;
 * every other value stays.
 */
export class AddPassageReviewAndManualEntry1796800000000 implements MigrationInterface {
  name = 'AddPassageReviewAndManualEntry1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "passages" ADD "entry_reads" jsonb, ADD "entry_manual" jsonb, ADD "exit_reads" jsonb,
        ADD "exit_manual" jsonb, ADD "manual" boolean NOT NULL DEFAULT false, ADD "review_state" text,
        ADD "review_reasons" jsonb, ADD "reviewed_by" text, ADD "reviewed_at" TIMESTAMP WITH TIME ZONE,
        ADD "review_note" text`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_passages_review" ON "passages" ("enterprise_id", "review_state", "captured_at", "id")`,
    );
    await queryRunner.query(`ALTER TABLE "refused_attempts" ADD "photos" jsonb`);
    // The order of REVIEW_REASONS: needs-review, readers-disagree, read-needs-review, unknown-stage.
    await queryRunner.query(
      `UPDATE "passages" SET "review_reasons" = "reasons", "review_state" = 'open'
         FROM (
           SELECT "id" AS "reason_id", "captured_at" AS "reason_captured_at", to_jsonb(array_remove(ARRAY[
             CASE WHEN 'needs-review' IN ("entry_verdict", "exit_verdict") THEN 'needs-review' END,
             CASE WHEN "entry_reasons" @> '["readers-disagree"]' OR "exit_reasons" @> '["readers-disagree"]'
               THEN 'readers-disagree' END,
             CASE WHEN "entry_reasons" @> '["read-needs-review"]' OR "exit_reasons" @> '["read-needs-review"]'
               THEN 'read-needs-review' END,
             CASE WHEN "stage" IS NULL THEN 'unknown-stage' END
           ], NULL)) AS "reasons"
           FROM "passages"
         ) AS "doubts"
        WHERE "id" = "reason_id" AND "captured_at" = "reason_captured_at" AND "reasons" <> '[]'::jsonb`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refused_attempts" DROP COLUMN "photos"`);
    await queryRunner.query(`DROP INDEX "IDX_passages_review"`);
    await queryRunner.query(
      `ALTER TABLE "passages" DROP COLUMN "review_note", DROP COLUMN "reviewed_at", DROP COLUMN "reviewed_by",
        DROP COLUMN "review_reasons", DROP COLUMN "review_state", DROP COLUMN "manual",
        DROP COLUMN "exit_manual", DROP COLUMN "exit_reads", DROP COLUMN "entry_manual", DROP COLUMN "entry_reads"`,
    );
  }
}
