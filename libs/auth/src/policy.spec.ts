import { decide, type Rule } from './policy';
import { CALLER_FILTERED_ROUTES, POLICY } from './policy-table';
import { type Principal } from './principal';
import { ROLES } from './roles';

const person = (
  role: Principal['role'],
  enterprises: Principal['enterprises'] = '*',
  scopes: Principal['scopes'] = [],
): Principal => ({
  subject: `${role}-1`,
  name: role,
  role,
  enterprises,
  districts: [],
  scopes,
});

describe('decide', () => {
  const staffOnly: Rule = {
    roles: ['enterprise-staff'],
    apiScope: 'passages:read',
    services: ['camera-ingest'],
  };

  it('denies by default: a route without a rule', () => {
    expect(decide(undefined, undefined, {})).toBe('unauthenticated');
    expect(decide(undefined, person('city-admin'), {})).toBe('forbidden');
  });

  it('lets anyone through an open rule', () => {
    expect(decide({ open: 'public' }, undefined, {})).toBe('allow');
    expect(decide({ open: 'device' }, undefined, {})).toBe('allow');
  });

  it('asks for a token, then a role, then the enterprise', () => {
    expect(decide(staffOnly, undefined, { enterpriseId: 'E1' })).toBe('unauthenticated');
    expect(decide(staffOnly, person('enterprise-admin', ['E1']), { enterpriseId: 'E1' })).toBe('forbidden');
    expect(decide(staffOnly, person('enterprise-staff', ['E2']), { enterpriseId: 'E1' })).toBe('not-found');
    expect(decide(staffOnly, person('enterprise-staff', ['E1']), { enterpriseId: 'E1' })).toBe('allow');
  });

  it('admits an integrator only with the scope on its key', () => {
    expect(decide(staffOnly, person('integrator', ['E1'], ['passages:read']), { enterpriseId: 'E1' })).toBe(
      'allow',
    );
    expect(decide(staffOnly, person('integrator', ['E1'], ['vehicles:read']), { enterpriseId: 'E1' })).toBe(
      'forbidden',
    );
    expect(decide({ roles: ['enterprise-staff'] }, person('integrator', ['E1'], ['passages:read']), {})).toBe(
      'forbidden',
    );
  });

  it('admits a service only by name', () => {
    const service = (subject: string): Principal => ({ ...person('service'), subject });
    expect(decide(staffOnly, service('camera-ingest'), { enterpriseId: 'E1' })).toBe('allow');
    expect(decide(staffOnly, service('ledger'), { enterpriseId: 'E1' })).toBe('forbidden');
  });
});

describe('POLICY', () => {
  const cityWide = new Set(['city-admin', 'city-operator']);

  it.each(Object.entries(POLICY))(
    '%s: a route without an enterprise in its path is for city-wide roles and services only',
    (service, table) => {
      for (const [route, rule] of Object.entries(table as Record<string, Rule>)) {
        if ('open' in rule || route.includes('{enterpriseId}') || CALLER_FILTERED_ROUTES.includes(route))
          continue;
        // The gateway's session routes act on the caller's own account, never on enterprise data.
        if (service === 'gateway' && route.includes(' /auth/')) continue;
        expect({
          route,
          roles: rule.roles.filter((role) => !cityWide.has(role)),
          apiScope: rule.apiScope,
        }).toEqual({
          route,
          roles: [],
          apiScope: undefined,
        });
      }
    },
  );

  it('filters by caller only routes that exist', () => {
    const routes = Object.values(POLICY).flatMap((table) => Object.keys(table));
    for (const route of CALLER_FILTERED_ROUTES) expect(routes).toContain(route);
  });

  it('names only known roles', () => {
    for (const table of Object.values(POLICY))
      for (const rule of Object.values(table as Record<string, Rule>))
        if (!('open' in rule)) for (const role of rule.roles) expect(ROLES).toContain(role);
  });
});
