import { type MigrationInterface, type QueryRunner } from '@ecogate/persistence';

/**
 * Accounts, sessions with their single-use refresh tokens, API keys and the append-only audit
 * log. The audit table refuses updates, and deletion of rows younger than 180 days, in the
 * database itself, so neither a bug nor an ordinary administrator with SQL can rewrite history.
 */
export class CreateGateway1797000000000 implements MigrationInterface {
  name = 'CreateGateway1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "gateway_users" (
        "id" uuid NOT NULL,
        "username" text NOT NULL,
        "display_name" text NOT NULL,
        "role" text NOT NULL,
        "enterprise_id" text,
        "districts" text[] NOT NULL DEFAULT '{}',
        "password_hash" text NOT NULL,
        "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "must_change_password" boolean NOT NULL,
        "failed_logins" integer NOT NULL DEFAULT 0,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "disabled" boolean NOT NULL DEFAULT false,
        "totp_secret" text,
        "totp_enabled" boolean NOT NULL DEFAULT false,
        "totp_last_step" bigint,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_gateway_users" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_gateway_users_username" UNIQUE ("username")
      )`);
    await queryRunner.query(`
      CREATE TABLE "gateway_sessions" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "revoke_reason" text,
        "source_ip" text,
        CONSTRAINT "PK_gateway_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_gateway_sessions_user" FOREIGN KEY ("user_id") REFERENCES "gateway_users"("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_gateway_sessions_user" ON "gateway_sessions" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "gateway_refresh_tokens" (
        "token_hash" text NOT NULL,
        "session_id" uuid NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_gateway_refresh_tokens" PRIMARY KEY ("token_hash"),
        CONSTRAINT "FK_gateway_refresh_tokens_session" FOREIGN KEY ("session_id")
          REFERENCES "gateway_sessions"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_gateway_refresh_tokens_session" ON "gateway_refresh_tokens" ("session_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "gateway_api_keys" (
        "id" uuid NOT NULL,
        "enterprise_id" text NOT NULL,
        "name" text NOT NULL,
        "key_hash" text NOT NULL,
        "scopes" text[] NOT NULL,
        "created_by" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_gateway_api_keys" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_gateway_api_keys_hash" UNIQUE ("key_hash")
      )`);
    await queryRunner.query(`
      CREATE TABLE "gateway_audit_log" (
        "id" bigserial NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "event" text NOT NULL,
        "outcome" text NOT NULL,
        "actor_id" text,
        "actor_name" text,
        "source_ip" text,
        "object" text,
        "detail" jsonb,
        CONSTRAINT "PK_gateway_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_gateway_audit_log_at" ON "gateway_audit_log" ("at")`);
    await queryRunner.query(`
      CREATE FUNCTION gateway_audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'TRUNCATE') THEN
          RAISE EXCEPTION 'gateway_audit_log is append-only';
        END IF;
        IF OLD."at" > now() - interval '180 days' THEN
          RAISE EXCEPTION 'gateway_audit_log rows are kept at least 180 days';
        END IF;
        RETURN OLD;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "gateway_audit_log_append_only" BEFORE UPDATE OR DELETE ON "gateway_audit_log"
        FOR EACH ROW EXECUTE FUNCTION gateway_audit_log_guard()`);
    await queryRunner.query(`
      CREATE TRIGGER "gateway_audit_log_no_truncate" BEFORE TRUNCATE ON "gateway_audit_log"
        FOR EACH STATEMENT EXECUTE FUNCTION gateway_audit_log_guard()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "gateway_audit_log"`);
    await queryRunner.query(`DROP FUNCTION gateway_audit_log_guard()`);
    await queryRunner.query(`DROP TABLE "gateway_api_keys"`);
    await queryRunner.query(`DROP TABLE "gateway_refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "gateway_sessions"`);
    await queryRunner.query(`DROP TABLE "gateway_users"`);
  }
}
