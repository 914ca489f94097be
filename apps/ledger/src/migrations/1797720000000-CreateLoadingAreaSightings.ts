import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Issue #17: loading-area sightings and the anomalies judged from them and the gate rows. */
export class CreateLoadingAreaSightings1797720000000 implements MigrationInterface {
  name = 'CreateLoadingAreaSightings1797720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "loading_area_sightings" (
        "enterprise_id" text NOT NULL,
        "sighting_id" text NOT NULL,
        "capture_id" text NOT NULL,
        "camera_id" text NOT NULL,
        "site_id" text NOT NULL,
        "plate" text NOT NULL,
        "plate_colour" text NOT NULL,
        "confidence" real NOT NULL,
        "verdict" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "frame" jsonb NOT NULL,
        "crop" jsonb NOT NULL,
        "crop_box" jsonb NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_loading_area_sightings" PRIMARY KEY ("enterprise_id", "sighting_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_loading_area_sightings_at" ON "loading_area_sightings" ("enterprise_id", "at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_loading_area_sightings_plate" ON "loading_area_sightings" ("enterprise_id", "plate", "at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "loading_area_anomalies" (
        "enterprise_id" text NOT NULL,
        "anomaly_id" text NOT NULL,
        "kind" text NOT NULL,
        "plate" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "reason" text NOT NULL,
        "sighting_id" text,
        "camera_id" text,
        "frame" jsonb,
        "crop" jsonb,
        "passage_ids" jsonb NOT NULL,
        "refusal_ids" jsonb NOT NULL,
        "searched_from" date,
        "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_loading_area_anomalies" PRIMARY KEY ("enterprise_id", "anomaly_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_loading_area_anomalies_at" ON "loading_area_anomalies" ("enterprise_id", "at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "loading_area_anomalies"`);
    await queryRunner.query(`DROP TABLE "loading_area_sightings"`);
  }
}
