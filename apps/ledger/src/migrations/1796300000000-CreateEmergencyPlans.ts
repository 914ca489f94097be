import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Revisioned per-enterprise emergency plans (一厂一策). */
export class CreateEmergencyPlans1796300000000 implements MigrationInterface {
  name = 'CreateEmergencyPlans1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "emergency_plans" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "revision" integer NOT NULL,
        "plan" jsonb NOT NULL,
        "filed_by" text NOT NULL,
        "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_emergency_plans" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_emergency_plans_revision" ON "emergency_plans" ("enterprise_id", "revision")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "emergency_plans"`);
  }
}
