import { pendingActions } from './pending-actions';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const fresh = {
  role: 'city-admin',
  mustChangePassword: false,
  passwordChangedAt: daysAgo(1),
  totpEnabled: false,
  externalIssuer: null,
};
const policy = { passwordMaxAgeDays: 90, totpRequiredRoles: [] };

describe('pendingActions', () => {
  it('asks for nothing from a fresh password without a TOTP rule', () => {
    expect(pendingActions(fresh, policy, now)).toEqual([]);
  });

  it('forces a change after a reset or past the maximum age', () => {
    expect(pendingActions({ ...fresh, mustChangePassword: true }, policy, now)).toEqual(['change-password']);
    expect(pendingActions({ ...fresh, passwordChangedAt: daysAgo(91) }, policy, now)).toEqual([
      'change-password',
    ]);
  });

  it('requires TOTP enrolment for the roles the city names', () => {
    const required = { ...policy, totpRequiredRoles: ['city-admin' as const] };
    expect(pendingActions(fresh, required, now)).toEqual(['enrol-totp']);
    expect(pendingActions({ ...fresh, totpEnabled: true }, required, now)).toEqual([]);
    expect(pendingActions({ ...fresh, role: 'city-operator' }, required, now)).toEqual([]);
  });

  it('asks a single sign-on account for nothing: password and second factor belong to the provider', () => {
    const required = { ...policy, totpRequiredRoles: ['city-admin' as const] };
    const sso = { ...fresh, externalIssuer: 'https://idp.city.example', passwordChangedAt: daysAgo(400) };
    expect(pendingActions(sso, required, now)).toEqual([]);
  });
});
