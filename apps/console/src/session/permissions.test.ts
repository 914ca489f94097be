import { allows, isCityRole } from './permissions';

const E = '/api/ledger/v1/enterprises/{enterpriseId}';

describe('allows (from the generated policy table)', () => {
  it('lets a gatekeeper complete a passage and an inspector only read it', () => {
    expect(allows('enterprise-staff', 'PATCH', `${E}/passages/{passageId}`)).toBe(true);
    expect(allows('inspector', 'PATCH', `${E}/passages/{passageId}`)).toBe(false);
    expect(allows('inspector', 'GET', `${E}/passages`)).toBe(true);
  });

  it('keeps the alert level to the city administrator', () => {
    expect(allows('city-admin', 'PUT', `${E}/alert-level`)).toBe(true);
    expect(allows('enterprise-admin', 'PUT', `${E}/alert-level`)).toBe(false);
  });

  it('refuses a route the table does not name', () => {
    expect(allows('city-admin', 'DELETE', `${E}/passages`)).toBe(false);
  });

  it('knows the city-wide roles', () => {
    expect(['city-admin', 'city-operator', 'inspector'].every(isCityRole)).toBe(true);
    expect(isCityRole('enterprise-staff')).toBe(false);
  });
});
