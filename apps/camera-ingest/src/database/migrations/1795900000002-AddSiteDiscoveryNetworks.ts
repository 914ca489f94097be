import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/** The networks ONVIF discovery may sweep for a site (opt-in: empty, nothing is swept). */
export class AddSiteDiscoveryNetworks1795900000002 implements MigrationInterface {
  name = 'AddSiteDiscoveryNetworks1795900000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sites" ADD "discovery_networks" text array NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sites" DROP COLUMN "discovery_networks"`);
  }
}
