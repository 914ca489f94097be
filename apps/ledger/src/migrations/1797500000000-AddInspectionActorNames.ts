import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * The display names (the token's `name`) of who started, marked and closed an inspection, next to
 * their account ids: the ledger has no directory of people, so the name is kept as it was then.
 * Nullable: rows written before this carry the id only.
 */
export class AddInspectionActorNames1797500000000 implements MigrationInterface {
  name = 'AddInspectionActorNames1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "inspections" ADD COLUMN "created_by_name" text, ADD COLUMN "closed_by_name" text`,
    );
    await queryRunner.query(`ALTER TABLE "inspection_items" ADD COLUMN "marked_by_name" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inspection_items" DROP COLUMN "marked_by_name"`);
    await queryRunner.query(
      `ALTER TABLE "inspections" DROP COLUMN "closed_by_name", DROP COLUMN "created_by_name"`,
    );
  }
}
