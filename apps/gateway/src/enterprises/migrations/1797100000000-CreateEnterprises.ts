import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** The enterprise directory: one row per registered enterprise, unique by credit code. */
export class CreateEnterprises1797100000000 implements MigrationInterface {
  name = 'CreateEnterprises1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "enterprises" (
        "id" text NOT NULL,
        "credit_code" text NOT NULL,
        "name" text NOT NULL,
        "industry" text NOT NULL,
        "district_code" text NOT NULL,
        "performance_class" text NOT NULL,
        "video_retention_days" integer NOT NULL,
        "ledger_retention_days" integer NOT NULL,
        "active" boolean NOT NULL,
        "revision" integer NOT NULL,
        "registered_by" text NOT NULL,
        "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "changed_by" text NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_enterprises" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_enterprises_credit_code" ON "enterprises" ("credit_code")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_enterprises_district_code" ON "enterprises" ("district_code")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "enterprises"`);
  }
}
