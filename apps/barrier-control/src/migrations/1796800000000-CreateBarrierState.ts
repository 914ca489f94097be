import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

export class CreateBarrierState1796800000000 implements MigrationInterface {
  name = 'CreateBarrierState1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "barrier_lanes" (
        "enterprise_id" text NOT NULL,
        "lane_id" text NOT NULL,
        "state" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_barrier_lanes" PRIMARY KEY ("enterprise_id", "lane_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "barrier_captures" (
        "enterprise_id" text NOT NULL,
        "lane_id" text NOT NULL,
        "capture_id" text NOT NULL,
        "reads" jsonb NOT NULL,
        "held_until" TIMESTAMP WITH TIME ZONE,
        "decision" jsonb,
        "decided_read_ids" text array NOT NULL,
        "open_decision_id" text,
        "open_outcome" text,
        "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_barrier_captures" PRIMARY KEY ("enterprise_id", "lane_id", "capture_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_barrier_captures_lane_seen" ON "barrier_captures" ("enterprise_id", "lane_id", "seen_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_barrier_captures_lane_seen"`);
    await queryRunner.query(`DROP TABLE "barrier_captures"`);
    await queryRunner.query(`DROP TABLE "barrier_lanes"`);
  }
}
