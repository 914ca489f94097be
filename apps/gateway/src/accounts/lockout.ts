/** The part of an account the lockout rule reads and writes. */
export interface LockoutState {
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
}

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockoutSeconds: number;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * After one more wrong password: the `maxFailures`-th consecutive failure locks the account for
 * `lockoutSeconds` and starts the count afresh, so after the lock the user has the full number
 * of tries again. A lock that has run out no longer counts.
 */
export function afterFailure(
  state: LockoutState,
  policy: LockoutPolicy,
  now: Date,
): LockoutState & { readonly lockedNow: boolean } {
  const failures = state.failedLogins + 1;
  if (failures >= policy.maxFailures)
    return {
      failedLogins: 0,
      lockedUntil: new Date(now.getTime() + policy.lockoutSeconds * 1000),
      lockedNow: true,
    };
  return {
    failedLogins: failures,
    lockedUntil: isLocked(state, now) ? state.lockedUntil : null,
    lockedNow: false,
  };
}

/** A successful login clears the count. */
export const afterSuccess = (): LockoutState => ({ failedLogins: 0, lockedUntil: null });
