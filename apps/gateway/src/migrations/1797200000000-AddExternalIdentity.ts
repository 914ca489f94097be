import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** Single sign-on accounts: found by issuer + subject, and without a password. */
export class AddExternalIdentity1797200000000 implements MigrationInterface {
  name = 'AddExternalIdentity1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "gateway_users"
        ALTER COLUMN "password_hash" DROP NOT NULL,
        ADD "external_issuer" text,
        ADD "external_subject" text,
        ADD CONSTRAINT "UQ_gateway_users_external" UNIQUE ("external_issuer", "external_subject")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Refuses (NOT NULL) while single sign-on accounts exist: they have no password to fall back to.
    await queryRunner.query(`
      ALTER TABLE "gateway_users"
        DROP CONSTRAINT "UQ_gateway_users_external",
        DROP COLUMN "external_subject",
        DROP COLUMN "external_issuer",
        ALTER COLUMN "password_hash" SET NOT NULL`);
  }
}
