import { type PersonRole } from '@ecogate/auth';
import { passwordExpired } from './password-policy';

/** What a session must do before anything else. */
export type PendingAction = 'change-password' | 'enrol-totp';

export interface AccountStanding {
  readonly role: string;
  readonly mustChangePassword: boolean;
  readonly passwordChangedAt: Date;
  readonly totpEnabled: boolean;
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
