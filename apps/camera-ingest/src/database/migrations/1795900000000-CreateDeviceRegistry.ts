import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

export class CreateDeviceRegistry1795900000000 implements MigrationInterface {
  name = 'CreateDeviceRegistry1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const stamps = `"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;
    await queryRunner.query(`
      CREATE TABLE "sites" (
        "enterprise_id" text NOT NULL, "id" text NOT NULL, "name" text NOT NULL, "time_zone" text NOT NULL,
        ${stamps},
        CONSTRAINT "PK_sites" PRIMARY KEY ("enterprise_id", "id"))`);
    await queryRunner.query(`
      CREATE TABLE "gates" (
        "enterprise_id" text NOT NULL, "id" text NOT NULL, "site_id" text NOT NULL, "name" text NOT NULL,
        ${stamps},
        CONSTRAINT "PK_gates" PRIMARY KEY ("enterprise_id", "id"))`);
    await queryRunner.query(`
      CREATE TABLE "lanes" (
        "enterprise_id" text NOT NULL, "id" text NOT NULL, "gate_id" text NOT NULL, "name" text NOT NULL,
        "direction" text NOT NULL, "mode" text NOT NULL,
        ${stamps},
        CONSTRAINT "PK_lanes" PRIMARY KEY ("enterprise_id", "id"))`);
    await queryRunner.query(`
      CREATE TABLE "devices" (
        "id" text NOT NULL, "enterprise_id" text NOT NULL, "lane_id" text NOT NULL,
        "kind" text NOT NULL, "vendor" text NOT NULL, "name" text NOT NULL, "address" text,
        "allowed_sources" text array NOT NULL, "push_secret_sha256" bytea, "credentials_encrypted" text,
        "enabled" boolean NOT NULL,
        ${stamps},
        CONSTRAINT "PK_devices" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "IDX_devices_enterprise_lane" ON "devices" ("enterprise_id", "lane_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_devices_enterprise_lane"`);
    await queryRunner.query(`DROP TABLE "devices"`);
    await queryRunner.query(`DROP TABLE "lanes"`);
    await queryRunner.query(`DROP TABLE "gates"`);
    await queryRunner.query(`DROP TABLE "sites"`);
  }
}
