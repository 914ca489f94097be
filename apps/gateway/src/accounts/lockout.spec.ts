import { afterFailure, afterSuccess, isLocked, type LockoutState } from './lockout';

const policy = { maxFailures: 5, lockoutSeconds: 900 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe('lockout', () => {
  it('locks on the fifth consecutive failure for the lockout period', () => {
    let state: LockoutState = afterSuccess();
    for (let failure = 1; failure <= 4; failure++) {
      const next = afterFailure(state, policy, at(failure));
      expect(next.lockedNow).toBe(false);
      state = next;
    }
    expect(isLocked(state, at(5))).toBe(false);
    const fifth = afterFailure(state, policy, at(5));
    expect(fifth.lockedNow).toBe(true);
    expect(fifth.lockedUntil).toEqual(at(905));
    expect(isLocked(fifth, at(904))).toBe(true);
    expect(isLocked(fifth, at(905))).toBe(false);
  });

  it('gives the full number of tries again after the lock has run out', () => {
    const locked = afterFailure({ failedLogins: 4, lockedUntil: null }, policy, at(0));
    const after = afterFailure(locked, policy, at(1000));
    expect(after).toEqual({ failedLogins: 1, lockedUntil: null, lockedNow: false });
  });

  it('clears the count on success', () => {
    expect(afterSuccess()).toEqual({ failedLogins: 0, lockedUntil: null });
  });
});
