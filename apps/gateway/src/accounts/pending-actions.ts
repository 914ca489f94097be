import { type PersonRole } from '@ecogate/auth';
import { passwordExpired } from './password-policy';

/** What a session must do before anything else. */
export type PendingAction = 'change-password' | 'enrol-totp';

export interface AccountStanding {
  readonly role: string;
  readonly mustChangePassword: boolean;
  readonly passwordChangedAt: Date;
  readonly totpEnabled: boolean;
  /** Set for single sign-on accounts: no password here, and the second factor is the provider's. */
  readonly externalIssuer: string | null;
}

/**
 * A new or reset password (one-time), or one past its maximum age, must be changed; a role the
 * city requires a second factor for must enrol TOTP.
 */
export function pendingActions(
  account: AccountStanding,
  policy: { readonly passwordMaxAgeDays: number; readonly totpRequiredRoles: readonly PersonRole[] },
  now: Date,
): PendingAction[] {
  // Password and second factor of a single sign-on account are the identity provider's business.
  if (account.externalIssuer !== null) return [];
  const actions: PendingAction[] = [];
  if (
    account.mustChangePassword ||
    passwordExpired(account.passwordChangedAt, policy.passwordMaxAgeDays, now)
  )
    actions.push('change-password');
  if (policy.totpRequiredRoles.includes(account.role as PersonRole) && !account.totpEnabled)
    actions.push('enrol-totp');
  return actions;
}
