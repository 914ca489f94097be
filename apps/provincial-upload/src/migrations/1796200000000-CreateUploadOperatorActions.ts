import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Audit of re-push and resume by authenticated operators (corrections keep their own table). */
export class CreateUploadOperatorActions1796200000000 implements MigrationInterface {
  name = 'CreateUploadOperatorActions1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "upload_operator_actions" (
        "id" uuid NOT NULL,
        "action" text NOT NULL,
        "actor" text NOT NULL,
        "actor_role" text NOT NULL,
        "enterprise_id" text,
        "serial" text,
        "captured_from" TIMESTAMP WITH TIME ZONE,
        "captured_to" TIMESTAMP WITH TIME ZONE,
        "queued" integer,
        "details" jsonb,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_upload_operator_actions" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_upload_operator_actions_enterprise" ON "upload_operator_actions" ("enterprise_id", "at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_upload_operator_actions_enterprise"`);
    await queryRunner.query(`DROP TABLE "upload_operator_actions"`);
  }
}
