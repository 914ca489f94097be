import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * The enterprise directory as the ledger learns it from `gateway.enterprise.registered.v1`: name,
 * industry, district, performance class, active, revision. Empty until the first message arrives
 * (the topic is read from its beginning by a new consumer group subscription).
 */
export class CreateEnterpriseProfiles1796900000000 implements MigrationInterface {
  name = 'CreateEnterpriseProfiles1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "enterprise_profiles" (
        "enterprise_id" text NOT NULL,
        "name" text NOT NULL,
        "industry" text NOT NULL,
        "district_code" text NOT NULL,
        "performance_class" text NOT NULL,
        "active" boolean NOT NULL,
        "revision" integer NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_enterprise_profiles" PRIMARY KEY ("enterprise_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_enterprise_profiles_district" ON "enterprise_profiles" ("district_code", "enterprise_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "enterprise_profiles"`);
  }
}
