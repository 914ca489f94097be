import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Ledgers B (厂内运输车辆) and C (非道路移动机械): registries, one row per vehicle or machine. */
export class CreateInPlantAndMachinery1796600000000 implements MigrationInterface {
  name = 'CreateInPlantAndMachinery1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "in_plant_vehicles" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "number" text NOT NULL,
        "registration_date" date,
        "vin" text,
        "engine_no" text,
        "emission_stage" text,
        "stage_source" text,
        "inventory_list" jsonb,
        "driving_licence" jsonb,
        "completeness" real NOT NULL,
        "missing_fields" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_in_plant_vehicles" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_in_plant_vehicles_number" ON "in_plant_vehicles" ("enterprise_id", "number")`,
    );
    await queryRunner.query(`
      CREATE TABLE "non_road_machinery" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "registration_code" text NOT NULL,
        "disclosure_number" text,
        "production_date" date,
        "emission_stage" text,
        "stage_source" text,
        "machine_code" text,
        "machine_type" text,
        "fuel" text,
        "owner" text,
        "engine_nameplate" jsonb,
        "machine_nameplate" jsonb,
        "environmental_label" jsonb,
        "completeness" real NOT NULL,
        "missing_fields" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_non_road_machinery" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_non_road_machinery_code" ON "non_road_machinery" ("enterprise_id", "registration_code")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "non_road_machinery"`);
    await queryRunner.query(`DROP TABLE "in_plant_vehicles"`);
  }
}
