import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * A loading-area camera stands on a site, not a lane: `site_id` for it, `lane_id` for every other
 * kind (a lane device's site stays derived from its lane's gate, so moving a gate cannot leave a
 * stale copy). Existing loading-area cameras move to their lane's site and leave the lane.
 */
export class AnchorLoadingAreaCamerasToSites1795900000020 implements MigrationInterface {
  name = 'AnchorLoadingAreaCamerasToSites1795900000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "devices" ADD "site_id" text`);
    await queryRunner.query(`ALTER TABLE "devices" ALTER COLUMN "lane_id" DROP NOT NULL`);
    await queryRunner.query(
      `UPDATE "devices" d SET "site_id" = g."site_id", "lane_id" = NULL
         FROM "lanes" l
         JOIN "gates" g ON g."enterprise_id" = l."enterprise_id" AND g."id" = l."gate_id"
        WHERE d."kind" = 'loading-area-camera'
          AND l."enterprise_id" = d."enterprise_id" AND l."id" = d."lane_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "devices" ADD CONSTRAINT "CHK_devices_place" CHECK (${DEVICE_PLACE_CHECK})`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_devices_enterprise_site" ON "devices" ("enterprise_id", "site_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_devices_enterprise_site"`);
    await queryRunner.query(`ALTER TABLE "devices" DROP CONSTRAINT "CHK_devices_place"`);
    // Back to a lane anchor: the first lane (by id) of the camera's site; none left means no row.
    await queryRunner.query(
      `UPDATE "devices" d SET "lane_id" = (
          SELECT l."id" FROM "lanes" l
            JOIN "gates" g ON g."enterprise_id" = l."enterprise_id" AND g."id" = l."gate_id"
           WHERE l."enterprise_id" = d."enterprise_id" AND g."site_id" = d."site_id"
           ORDER BY l."id" LIMIT 1)
        WHERE d."lane_id" IS NULL`,
    );
    await queryRunner.query(`DELETE FROM "devices" WHERE "lane_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "devices" ALTER COLUMN "lane_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "devices" DROP COLUMN "site_id"`);
  }
}

/** A loading-area camera: a site and no lane; every other kind: a lane and no site of its own. */
const DEVICE_PLACE_CHECK = `("kind" = 'loading-area-camera' AND "site_id" IS NOT NULL AND "lane_id" IS NULL) OR ("kind" <> 'loading-area-camera' AND "lane_id" IS NOT NULL AND "site_id" IS NULL)`;
