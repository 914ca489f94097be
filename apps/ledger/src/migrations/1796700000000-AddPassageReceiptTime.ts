import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * When the ledger received each passage, and the drift of a camera clock it did not believe. Rows
 * already there get `updated_at`: written by the ledger's clock, never before the receipt, so
 * retention errs on keeping. `down` drops the columns; every other value stays.
 */
export class AddPassageReceiptTime1796700000000 implements MigrationInterface {
  name = 'AddPassageReceiptTime1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "passages" ADD "received_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "passages" SET "received_at" = "updated_at"`);
    await queryRunner.query(
      `ALTER TABLE "passages" ALTER COLUMN "received_at" SET DEFAULT now(), ALTER COLUMN "received_at" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "passages" ADD "entry_clock_drift_ms" bigint, ADD "exit_clock_drift_ms" bigint`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "passages" DROP COLUMN "exit_clock_drift_ms", DROP COLUMN "entry_clock_drift_ms", DROP COLUMN "received_at"`,
    );
  }
}
