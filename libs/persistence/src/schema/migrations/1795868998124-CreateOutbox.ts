import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateOutbox1795868998124 implements MigrationInterface {
  name = 'CreateOutbox1795868998124';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox" (
        "id" BIGSERIAL NOT NULL,
        "topic" text NOT NULL,
        "message_key" text NOT NULL,
        "payload" jsonb NOT NULL,
        "headers" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        CONSTRAINT "PK_outbox" PRIMARY KEY ("id")
      )`);
    // The relay reads only unsent rows in id order: a partial index keeps that cheap as sent rows pile up.
    await queryRunner.query(`CREATE INDEX "IDX_outbox_unsent" ON "outbox" ("id") WHERE "sent_at" IS NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_sent_at" ON "outbox" ("sent_at") WHERE "sent_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_outbox_sent_at"`);
    await queryRunner.query(`DROP INDEX "IDX_outbox_unsent"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
  }
}
