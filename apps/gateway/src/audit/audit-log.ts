import { type DataSource, type EntityManager } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';

export type AuditEvent =
  | 'login'
  | 'logout'
  | 'lockout'
  | 'session-revoked'
  | 'password-change'
  | 'totp-enrol'
  | 'totp-confirm'
  | 'totp-disable'
  | 'user-create'
  | 'user-reset-password'
  | 'user-disable'
  | 'user-enable'
  | 'user-unlock'
  | 'api-key-create'
  | 'api-key-revoke'
  | 'sso-sign-on'
  | 'enterprise-registered'
  | 'enterprise-updated'
  | 'enterprise-deactivated';

export interface AuditEntry {
  readonly event: AuditEvent;
  readonly outcome: 'success' | 'failure';
  readonly actorId?: string | undefined;
  readonly actorName?: string | undefined;
  readonly sourceIp?: string | undefined;
  readonly object?: string | undefined;
  /** Never a password, token, code or key. */
  readonly detail?: Record<string, unknown>;
}

/** Appends to `gateway_audit_log` (the database refuses updates and early deletes). */
export class AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: Logger,
  ) {}

  /** `tx`: record inside the caller's transaction (commits with the change or not at all). */
  async record(entry: AuditEntry, tx?: EntityManager): Promise<void> {
    await (tx ?? this.dataSource).query(
      `INSERT INTO "gateway_audit_log" ("event", "outcome", "actor_id", "actor_name", "source_ip", "object", "detail")
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.event,
        entry.outcome,
        entry.actorId ?? null,
        entry.actorName ?? null,
        entry.sourceIp ?? null,
        entry.object ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
      ],
    );
    this.log.info(
      { audit: entry.event, outcome: entry.outcome, actor: entry.actorName, object: entry.object },
      'audit',
    );
  }
}

/** Deletes records older than `retentionDays` (≥ 180; the database refuses younger ones anyway). */
export async function purgeAudit(dataSource: DataSource, retentionDays: number): Promise<number> {
  const days = Math.max(180, retentionDays);
  const result: [unknown[], number] = await dataSource.query(
    `DELETE FROM "gateway_audit_log" WHERE "at" < now() - make_interval(days => $1)`,
    [days],
  );
  return result[1];
}
