import { type EnterpriseChangeAudit } from '../enterprises';
import { type SignOnAudit } from '../oidc';
import { type AuditLog } from './audit-log';

/** Single sign-on outcomes into the gateway's audit log (who, from where, which role or why not). */
export function signOnAudit(audit: AuditLog): SignOnAudit {
  return {
    record: (entry) =>
      audit.record({
        event: 'sso-sign-on',
        outcome: entry.outcome === 'signed-in' ? 'success' : 'failure',
        actorName: entry.username,
        sourceIp: entry.sourceAddress,
        detail: {
          ...(entry.issuer !== undefined ? { issuer: entry.issuer, subject: entry.subject } : {}),
          ...(entry.role !== undefined ? { role: entry.role } : {}),
          ...(entry.code !== undefined ? { code: entry.code, reason: entry.reason } : {}),
        },
      }),
  };
}

/** Directory changes into the gateway's audit log, in the change's own transaction. */
export function enterpriseChangeAudit(audit: AuditLog): EnterpriseChangeAudit {
  return {
    record: (tx, entry) =>
      audit.record(
        {
          event: `enterprise-${entry.action}`,
          outcome: 'success',
          actorId: entry.actor,
          object: entry.enterpriseId,
          detail: { revision: entry.after.revision, ...(entry.before ? { before: entry.before } : {}) },
        },
        tx,
      ),
  };
}
