import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * The tamper-evident ledger (docs/ledger.md "Hash chain"): one SM3 hash chain per enterprise of
 * every ledger change, its head row (locked by each append, so seq has no gaps and follows commit
 * order) and the signed daily roots. Not partitioned and not dropped by retention: verify starts
 * from the first retained day's root.
 */
export class CreateLedgerChain1797100000000 implements MigrationInterface {
  name = 'CreateLedgerChain1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ledger_chain_heads" ("enterprise_id" text NOT NULL, "seq" bigint NOT NULL,
        "head_hash" text NOT NULL, CONSTRAINT "PK_ledger_chain_heads" PRIMARY KEY ("enterprise_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_chain" ("enterprise_id" text NOT NULL, "seq" bigint NOT NULL, "kind" text NOT NULL,
        "record_table" text NOT NULL, "record_id" uuid NOT NULL, "content" text NOT NULL,
        "content_hash" text NOT NULL, "prev_hash" text NOT NULL, "entry_hash" text NOT NULL,
        "at" timestamptz NOT NULL, CONSTRAINT "PK_ledger_chain" PRIMARY KEY ("enterprise_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ledger_chain_record" ON "ledger_chain" ("enterprise_id", "record_table", "record_id", "seq")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ledger_chain_at" ON "ledger_chain" ("enterprise_id", "at")`);
    await queryRunner.query(
      `CREATE TABLE "ledger_chain_roots" ("enterprise_id" text NOT NULL, "day" date NOT NULL,
        "last_seq" bigint NOT NULL, "last_hash" text NOT NULL, "count" integer NOT NULL,
        "key_id" text NOT NULL, "signature" text NOT NULL, "signed_at" timestamptz NOT NULL,
        CONSTRAINT "PK_ledger_chain_roots" PRIMARY KEY ("enterprise_id", "day"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ledger_chain_roots"`);
    await queryRunner.query(`DROP TABLE "ledger_chain"`);
    await queryRunner.query(`DROP TABLE "ledger_chain_heads"`);
  }
}
