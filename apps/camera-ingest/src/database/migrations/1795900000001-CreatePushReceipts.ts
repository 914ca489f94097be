import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

export class CreatePushReceipts1795900000001 implements MigrationInterface {
  name = 'CreatePushReceipts1795900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "push_receipts" (
        "device_id" text NOT NULL,
        "vendor_key" text NOT NULL,
        "enterprise_id" text NOT NULL,
        "event_id" uuid NOT NULL,
        "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "published_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_push_receipts" PRIMARY KEY ("device_id", "vendor_key"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "push_receipts"`);
  }
}
