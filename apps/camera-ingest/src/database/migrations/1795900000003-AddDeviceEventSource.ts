import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Where an ANPR camera's reads come from: its push (every existing camera) or its Dahua event stream. */
export class AddDeviceEventSource1795900000003 implements MigrationInterface {
  name = 'AddDeviceEventSource1795900000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "devices" ADD "event_source" text NOT NULL DEFAULT 'push'`);
    await queryRunner.query(
      `ALTER TABLE "devices" ADD CONSTRAINT "CHK_devices_event_source" CHECK ("event_source" IN ('push', 'event-stream'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "devices" DROP CONSTRAINT "CHK_devices_event_source"`);
    await queryRunner.query(`ALTER TABLE "devices" DROP COLUMN "event_source"`);
  }
}
