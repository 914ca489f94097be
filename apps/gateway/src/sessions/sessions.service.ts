import { randomUUID } from 'node:crypto';
import { type DataSource } from '@ecogate/persistence';
import { type SessionPolicy } from '../config/gateway.config';
import { judgeRefresh, type RefreshVerdict } from './refresh-family';
import { randomToken, sha256 } from './secrets';

export interface StartedSession {
  readonly sessionId: string;
  readonly refreshToken: string;
}

/** A live session's account, as each request needs it. */
export interface LiveSession {
  readonly sessionId: string;
  readonly userId: string;
}

/** A live session with what decides its pending actions (one query per request). */
export interface TouchedSession extends LiveSession {
  readonly account: {
    readonly role: string;
    readonly mustChangePassword: boolean;
    readonly passwordChangedAt: Date;
    readonly totpEnabled: boolean;
    readonly externalIssuer: string | null;
  };
}

/**
 * Login sessions and their refresh-token families. Every refresh token is single-use; presenting
 * a used one ends the session. Idle (last seen) and absolute limits are checked on every request
 * and every refresh.
 */
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: SessionPolicy,
  ) {}

  async start(userId: string, sourceIp: string): Promise<StartedSession> {
    const sessionId = randomUUID();
    const refreshToken = randomToken();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "gateway_sessions" ("id", "user_id", "created_at", "last_seen_at", "expires_at", "source_ip")
         VALUES ($1, $2, now(), now(), now() + make_interval(secs => $3), $4)`,
        [sessionId, userId, this.policy.absoluteSeconds, sourceIp],
      );
      await manager.query(
        `INSERT INTO "gateway_refresh_tokens" ("token_hash", "session_id", "issued_at") VALUES ($1, $2, now())`,
        [sha256(refreshToken), sessionId],
      );
    });
    return { sessionId, refreshToken };
  }

  /**
   * Rotates `refreshToken`: marks it used and issues the next of its family. Reuse, or a session
   * past its limits, revokes the session. The row lock makes two concurrent uses one rotation and
   * one reuse.
   */
  async refresh(
    refreshToken: string,
  ): Promise<
    | { readonly verdict: 'rotate'; readonly session: LiveSession; readonly refreshToken: string }
    | { readonly verdict: Exclude<RefreshVerdict['kind'], 'rotate'>; readonly sessionId?: string }
  > {
    return this.dataSource.transaction(async (manager) => {
      const rows: {
        session_id: string;
        user_id: string;
        used_at: Date | null;
        revoked_at: Date | null;
        last_seen_at: Date;
        expires_at: Date;
        now: Date;
      }[] = await manager.query(
        `SELECT t."session_id", t."used_at", s."user_id", s."revoked_at", s."last_seen_at", s."expires_at", now() AS "now"
           FROM "gateway_refresh_tokens" t JOIN "gateway_sessions" s ON s."id" = t."session_id"
          WHERE t."token_hash" = $1 FOR UPDATE OF t, s`,
        [sha256(refreshToken)],
      );
      const row = rows[0];
      const verdict = judgeRefresh(
        row
          ? {
              found: true,
              usedAt: row.used_at,
              session: { revokedAt: row.revoked_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at },
            }
          : { found: false, usedAt: null },
        this.policy.idleSeconds,
        row?.now ?? new Date(),
      );
      if (!row || verdict.kind === 'unknown') return { verdict: 'unknown' as const };
      if (verdict.kind !== 'rotate') {
        if (verdict.kind !== 'revoked')
          await manager.query(
            `UPDATE "gateway_sessions" SET "revoked_at" = now(), "revoke_reason" = $2 WHERE "id" = $1 AND "revoked_at" IS NULL`,
            [row.session_id, verdict.kind === 'reuse' ? 'refresh-reuse' : verdict.kind],
          );
        return { verdict: verdict.kind, sessionId: row.session_id };
      }
      const next = randomToken();
      await manager.query(`UPDATE "gateway_refresh_tokens" SET "used_at" = now() WHERE "token_hash" = $1`, [
        sha256(refreshToken),
      ]);
      await manager.query(
        `INSERT INTO "gateway_refresh_tokens" ("token_hash", "session_id", "issued_at") VALUES ($1, $2, now())`,
        [sha256(next), row.session_id],
      );
      await manager.query(`UPDATE "gateway_sessions" SET "last_seen_at" = now() WHERE "id" = $1`, [
        row.session_id,
      ]);
      return {
        verdict: 'rotate' as const,
        session: { sessionId: row.session_id, userId: row.user_id },
        refreshToken: next,
      };
    });
  }

  /**
   * The session behind a request: alive (not revoked, within its idle and absolute limits, its
   * account enabled) → last seen now. An idle one is revoked on the spot.
   */
  async touch(sessionId: string): Promise<TouchedSession | undefined> {
    const rows: {
      user_id: string;
      role: string;
      must_change_password: boolean;
      password_changed_at: Date;
      totp_enabled: boolean;
      external_issuer: string | null;
    }[] = await this.dataSource.query(
      // Last seen is written at most every `touchEverySeconds`: a read-only request then commits
      // no write (no WAL flush), and idle is still measured to within that step.
      `WITH live AS (
         SELECT s."id", s."user_id", s."last_seen_at", u."role", u."must_change_password",
                u."password_changed_at", u."totp_enabled", u."external_issuer"
           FROM "gateway_sessions" s JOIN "gateway_users" u ON u."id" = s."user_id"
          WHERE s."id" = $1 AND NOT u."disabled" AND s."revoked_at" IS NULL AND s."expires_at" > now()
            AND s."last_seen_at" > now() - make_interval(secs => $2)
       ), touched AS (
         UPDATE "gateway_sessions" t SET "last_seen_at" = now() FROM live
          WHERE t."id" = live."id" AND live."last_seen_at" < now() - make_interval(secs => $3)
       )
       SELECT "user_id", "role", "must_change_password", "password_changed_at", "totp_enabled", "external_issuer"
         FROM live`,
      [sessionId, this.policy.idleSeconds, touchEverySeconds(this.policy.idleSeconds)],
    );
    const row = rows[0];
    if (row)
      return {
        sessionId,
        userId: row.user_id,
        account: {
          role: row.role,
          mustChangePassword: row.must_change_password,
          passwordChangedAt: row.password_changed_at,
          totpEnabled: row.totp_enabled,
          externalIssuer: row.external_issuer,
        },
      };
    await this.revoke(sessionId, 'idle-or-expired');
    return undefined;
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "gateway_sessions" SET "revoked_at" = now(), "revoke_reason" = $2 WHERE "id" = $1 AND "revoked_at" IS NULL`,
      [sessionId, reason],
    );
  }

  /** After a password change: every other session of the account ends (a thief's included). */
  async revokeOthers(userId: string, keepSessionId: string | undefined, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "gateway_sessions" SET "revoked_at" = now(), "revoke_reason" = $3
        WHERE "user_id" = $1 AND "revoked_at" IS NULL AND "id" IS DISTINCT FROM $2::uuid`,
      [userId, keepSessionId ?? null, reason],
    );
  }

  async revokeAllOf(userId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "gateway_sessions" SET "revoked_at" = now(), "revoke_reason" = $2 WHERE "user_id" = $1 AND "revoked_at" IS NULL`,
      [userId, reason],
    );
  }
}

/** How stale last-seen may get before a request writes it: a tenth of the idle limit, at most 15 s. */
export const touchEverySeconds = (idleSeconds: number): number => Math.min(15, idleSeconds / 10);
