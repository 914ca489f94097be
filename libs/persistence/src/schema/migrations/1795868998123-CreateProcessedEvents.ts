import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateProcessedEvents1795868998123 implements MigrationInterface {
  name = 'CreateProcessedEvents1795868998123';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "processed_events" (
        "consumer_group" text NOT NULL,
        "event_id" text NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_processed_events" PRIMARY KEY ("consumer_group", "event_id")
      )`);
    // Lets a retention job delete old claims without scanning the table.
    await queryRunner.query(
      `CREATE INDEX "IDX_processed_events_processed_at" ON "processed_events" ("processed_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_processed_events_processed_at"`);
    await queryRunner.query(`DROP TABLE "processed_events"`);
  }
}
