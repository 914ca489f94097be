import { type Response } from 'express';
import { type ExternalIdentity, type SignOnRefusalCode } from './external-identity';

/**
 * What the gateway's session code implements: turn a signed-in external identity into an Ecogate
 * session (find or provision the account by issuer + subject, set the session cookie on `res`). The
 * OIDC controller redirects to the page the person came from afterwards; `start` must not answer.
 * Throwing refuses the sign-on (e.g. a disabled account): a `SignOnRefused` keeps its code.
 */
export interface SessionStarter {
  start(identity: ExternalIdentity, res: Response): Promise<void>;
}
export const SESSION_STARTER = Symbol('SessionStarter');

/** One sign-on outcome for the audit log (等保: logins and failures, with source address). */
export interface SignOnAuditEntry {
  readonly outcome: 'signed-in' | 'refused';
  readonly at: Date;
  readonly sourceAddress: string | undefined;
  readonly issuer?: string;
  readonly subject?: string;
  readonly username?: string;
  readonly role?: string;
  readonly code?: SignOnRefusalCode | 'session-refused';
  readonly reason?: string;
}

/** The gateway's audit log, as the sign-on controller records into it. */
export interface SignOnAudit {
  record(entry: SignOnAuditEntry): Promise<void>;
}
export const SIGN_ON_AUDIT = Symbol('SignOnAudit');
