import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Per-enterprise ledger retention; the partition retention job keeps the longest of them. */
export class CreateRetentionPolicies1796500000000 implements MigrationInterface {
  name = 'CreateRetentionPolicies1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "retention_policies" (
        "enterprise_id" text NOT NULL,
        "ledger_days" integer NOT NULL,
        "set_by" text NOT NULL,
        "set_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_retention_policies" PRIMARY KEY ("enterprise_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "retention_policies"`);
  }
}
