import { claimValues, matchRole, parseRoleMap } from './role-map';

const rules = parseRoleMap(
  JSON.stringify([
    { claim: 'realm_access.roles', value: 'ecogate-admin', role: 'city-admin' },
    { claim: 'groups', value: '/city/operators', role: 'city-operator' },
    { claim: 'groups', value: '/city/inspectors', role: 'inspector', districtsClaim: 'districts' },
    { claim: 'groups', value: '/city/inspectors-changan', role: 'inspector', districts: ['130102'] },
    {
      claim: 'groups',
      value: '/enterprise/admins',
      role: 'enterprise-admin',
      enterpriseClaim: 'ecogate_enterprise',
    },
  ]),
);

describe('role map', () => {
  it('maps a group to a city role, reading nested claims', () => {
    expect(matchRole(rules, { realm_access: { roles: ['offline_access', 'ecogate-admin'] } })).toEqual({
      ok: true,
      role: 'city-admin',
      districts: [],
    });
    expect(matchRole(rules, { groups: '/city/operators' })).toMatchObject({
      ok: true,
      role: 'city-operator',
    });
  });

  it('lets the first matching rule decide', () => {
    expect(
      matchRole(rules, { groups: ['/enterprise/admins', '/city/operators'], ecogate_enterprise: 'ent-1' }),
    ).toMatchObject({ role: 'city-operator' });
  });

  it('gives inspectors their districts from a list or a separated string, or fixed ones', () => {
    expect(matchRole(rules, { groups: ['/city/inspectors'], districts: '130102, 130104' })).toEqual({
      ok: true,
      role: 'inspector',
      districts: ['130102', '130104'],
    });
    expect(matchRole(rules, { groups: ['/city/inspectors-changan'] })).toMatchObject({
      districts: ['130102'],
    });
    expect(matchRole(rules, { groups: ['/city/inspectors'], districts: ['13010x'] })).toMatchObject({
      ok: false,
      code: 'missing-claim',
    });
    expect(matchRole(rules, { groups: ['/city/inspectors'] })).toMatchObject({
      ok: false,
      code: 'missing-claim',
    });
  });

  it('needs exactly one valid enterprise id for enterprise roles', () => {
    const admin = { groups: ['/enterprise/admins'] };
    expect(matchRole(rules, { ...admin, ecogate_enterprise: 'ent-1' })).toEqual({
      ok: true,
      role: 'enterprise-admin',
      enterpriseId: 'ent-1',
      districts: [],
    });
    for (const enterprise of [undefined, ['ent-1', 'ent-2'], 'has space'])
      expect(matchRole(rules, { ...admin, ecogate_enterprise: enterprise })).toMatchObject({
        ok: false,
        code: 'missing-claim',
      });
  });

  it('refuses claims that map to no role, naming the claims it looked at', () => {
    const refused = matchRole(rules, { groups: ['/canteen'], email: 'x@example.cn' });
    expect(refused).toEqual({
      ok: false,
      code: 'no-role',
      reason: expect.stringContaining('realm_access.roles, groups'),
    });
  });

  it.each([
    ['[]', /too_small|at least/i],
    ['[{"claim":"g","value":"v","role":"enterprise-admin"}]', /enterpriseClaim/],
    ['[{"claim":"g","value":"v","role":"inspector"}]', /districtsClaim/],
    ['[{"claim":"g","value":"v","role":"city-admin","districts":["130102"]}]', /only for inspectors/],
    ['[{"claim":"g","value":"v","role":"service"}]', /role/],
  ])('refuses the map %s', (json, message) => {
    expect(() => parseRoleMap(json)).toThrow(message);
  });

  it('reads string, number and list claims, ignoring the rest', () => {
    expect(claimValues({ a: ['x', 1, { y: 1 }, null] }, 'a')).toEqual(['x', '1']);
    expect(claimValues({ a: { b: 'c' } }, 'a.b.c')).toEqual([]);
  });
});
