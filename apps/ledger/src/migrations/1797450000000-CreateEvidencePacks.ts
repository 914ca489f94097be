import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Evidence pack jobs of inspections (docs/ledger.md, Inspections): state here, so any replica answers. */
export class CreateEvidencePacks1797450000000 implements MigrationInterface {
  name = 'CreateEvidencePacks1797450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "evidence_packs" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "inspection_id" uuid NOT NULL,
        "state" text NOT NULL,
        "requested_by" text NOT NULL,
        "steps" integer NOT NULL DEFAULT 0,
        "total_steps" integer,
        "activity" text,
        "error" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "worker" text,
        "object_key" text,
        "file_name" text,
        "bytes" bigint,
        "sha256" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "heartbeat_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_evidence_packs_state" CHECK ("state" IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT "PK_evidence_packs" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_evidence_packs_inspection" ON "evidence_packs" ("enterprise_id", "inspection_id", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_evidence_packs_state" ON "evidence_packs" ("state")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evidence_packs"`);
  }
}
