import { type EnterpriseRegisteredV1, enterpriseRegisteredV1 } from '@ecogate/contracts';
import { profileOf } from './enterprise-profiles';

const record: EnterpriseRegisteredV1 = enterpriseRegisteredV1.parse({
  enterpriseId: 'ent-1',
  creditCode: '91440300708461136T',
  name: '唐山某焦化有限公司',
  industry: 'coking',
  districtCode: '130203',
  performanceClass: 'B',
  retention: { videoDays: 180, ledgerDays: 365 },
  active: true,
  change: 'registered',
  revision: 3,
  changedAt: '2026-12-01T02:00:00.000Z',
});

describe('enterprise profile from a directory record', () => {
  it('keeps what the statistics need, and not the credit code or retention', () => {
    expect(profileOf(record)).toEqual({
      enterpriseId: 'ent-1',
      name: '唐山某焦化有限公司',
      industry: 'coking',
      districtCode: '130203',
      performanceClass: 'B',
      active: true,
      revision: 3,
      changedAt: new Date('2026-12-01T02:00:00.000Z'),
    });
  });

  it('keeps a deactivation as an inactive profile', () => {
    expect(profileOf({ ...record, active: false, change: 'deactivated', revision: 4 })).toMatchObject({
      active: false,
      revision: 4,
    });
  });

  it('refuses an enterprise id the ledger could not scope by', () => {
    expect(() => profileOf({ ...record, enterpriseId: '../x' })).toThrow(/enterprise id/);
  });
});
