import { NATIONAL_RETENTION_FLOORS } from '@ecogate/domain';
import { parseChanges, parseListQuery, parseRegistration } from './enterprise-input';
import { EnterpriseError } from './enterprise.errors';

const body = {
  creditCode: ' 91440300708461136t',
  name: ' 石家庄焦化厂 ',
  industry: 'coking',
  districtCode: '130102',
  performanceClass: 'B-',
  retention: { videoDays: 180, ledgerDays: 365 },
};
const codeOf = (work: () => unknown): string => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return error instanceof EnterpriseError ? error.code : String(error);
  }
};

describe('enterprise input', () => {
  it('canonicalises a registration', () => {
    expect(parseRegistration(body, NATIONAL_RETENTION_FLOORS)).toEqual({
      ...body,
      creditCode: '91440300708461136T',
      name: '石家庄焦化厂',
    });
  });

  it('refuses retention below the city floors, which may be above the national ones', () => {
    const cityFloors = { videoDays: 365, ledgerDays: 730 };
    expect(codeOf(() => parseRegistration(body, cityFloors))).toBe('below-retention-floor');
    expect(
      codeOf(() =>
        parseChanges({ retention: { videoDays: 179, ledgerDays: 365 } }, NATIONAL_RETENTION_FLOORS),
      ),
    ).toBe('below-retention-floor');
  });

  it.each([
    [{ ...body, creditCode: '91440300708461136A' }, 'invalid-credit-code'],
    [{ ...body, districtCode: '13010' }, 'invalid-district'],
    [{ ...body, id: 'has space' }, 'invalid-request'],
    [{ ...body, name: '  ' }, 'invalid-request'],
    [{ ...body, retention: undefined }, 'invalid-request'],
  ])('refuses %#: %s', (input, code) => {
    expect(codeOf(() => parseRegistration(input, NATIONAL_RETENTION_FLOORS))).toBe(code);
  });

  it('takes only the fields an update names', () => {
    expect(parseChanges({ name: '新名', expectedRevision: 3 }, NATIONAL_RETENTION_FLOORS)).toEqual({
      name: '新名',
      expectedRevision: 3,
    });
    expect(codeOf(() => parseChanges({ active: true }, NATIONAL_RETENTION_FLOORS))).toBe('invalid-request');
    expect(codeOf(() => parseChanges({ expectedRevision: 2 }, NATIONAL_RETENTION_FLOORS))).toBe(
      'invalid-request',
    );
  });

  it('reads list filters and paging from query strings', () => {
    expect(parseListQuery({ active: 'false', page: '2', districtCode: '130104' })).toEqual({
      filter: { active: false, districtCode: '130104' },
      paging: { page: 2, pageSize: 20 },
    });
    expect(codeOf(() => parseListQuery({ pageSize: '0' }))).toBe('invalid-request');
  });
});
