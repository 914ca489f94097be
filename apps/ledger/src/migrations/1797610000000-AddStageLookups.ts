import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * The stage lookup (docs/stage-lookup.md): each vehicle's lookup state with the answer kept, the
 * city-wide cache of the source's answers, and the vehicle's 信息公开编号 (nullable: typed by a
 * person or read from the 随车清单's QR code), the lookup's second key.
 */
export class AddStageLookups1797610000000 implements MigrationInterface {
  name = 'AddStageLookups1797610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vehicles" ADD COLUMN "disclosure_number" text`);
    await queryRunner.query(`
      CREATE TABLE "vehicle_stage_lookups" (
        "vehicle_id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "state" text NOT NULL,
        "trigger" text NOT NULL,
        "key_kind" text,
        "key_value" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "due_at" TIMESTAMP WITH TIME ZONE,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE,
        "from_cache" boolean NOT NULL DEFAULT false,
        "answer" jsonb,
        "error" text,
        "evidence_record_id" text,
        "evidence_stage" text,
        "evidence_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_vehicle_stage_lookups_state"
          CHECK ("state" IN ('queued', 'retrying', 'found', 'not-found', 'conflicting', 'unauthorized')),
        CONSTRAINT "PK_vehicle_stage_lookups" PRIMARY KEY ("vehicle_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_stage_lookups_enterprise" ON "vehicle_stage_lookups" ("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_vehicle_stage_lookups_due" ON "vehicle_stage_lookups" ("due_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "stage_lookup_cache" (
        "key_kind" text NOT NULL,
        "key_value" text NOT NULL,
        "result" text NOT NULL,
        "answer" jsonb NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "CHK_stage_lookup_cache_result" CHECK ("result" IN ('found', 'not-found', 'conflict')),
        CONSTRAINT "PK_stage_lookup_cache" PRIMARY KEY ("key_kind", "key_value")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stage_lookup_cache"`);
    await queryRunner.query(`DROP TABLE "vehicle_stage_lookups"`);
    await queryRunner.query(`ALTER TABLE "vehicles" DROP COLUMN "disclosure_number"`);
  }
}
