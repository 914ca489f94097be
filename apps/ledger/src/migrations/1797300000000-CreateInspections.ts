import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * Inspections (issue #16): the sample's seed and parameters, and each sampled passage or video
 * window with the inspector's verdict. Passage ids carry no foreign key: passages are partitioned
 * by month and dropped after retention, an inspection outlives them.
 */
export class CreateInspections1797300000000 implements MigrationInterface {
  name = 'CreateInspections1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "inspections" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "from_date" date NOT NULL,
        "to_date" date NOT NULL,
        "seed" text NOT NULL,
        "passages_requested" integer NOT NULL,
        "windows_requested" integer NOT NULL,
        "window_minutes" integer NOT NULL,
        "window_placement" text NOT NULL,
        "status" text NOT NULL,
        "created_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "closed_by" text,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_inspections" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_inspections_enterprise_created" ON "inspections" ("enterprise_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "inspection_items" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "inspection_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "position" integer NOT NULL,
        "passage_id" uuid,
        "passage_captured_at" TIMESTAMP WITH TIME ZONE,
        "window_from" TIMESTAMP WITH TIME ZONE,
        "window_until" TIMESTAMP WITH TIME ZONE,
        "verdict" text,
        "note" text,
        "marked_by" text,
        "marked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_inspection_items" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_inspection_items_inspection" ON "inspection_items" ("enterprise_id", "inspection_id", "position")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inspection_items"`);
    await queryRunner.query(`DROP TABLE "inspections"`);
  }
}
