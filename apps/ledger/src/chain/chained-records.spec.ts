import { canonicalJson } from './canonical-json';
import { chainedContent } from './chained-records';

const vehicleBeforeDisclosureNumbers = {
  id: '0b1c2d3e-0000-4000-8000-000000000001',
  enterpriseId: 'ent-a',
  plate: '冀A12345',
  plateColour: 'yellow',
  vin: 'LFWSRXRJ4M1A00001',
};

describe('chainedContent', () => {
  it('hashes a row chained before a later column existed exactly as it was chained', () => {
    expect(chainedContent('vehicles', { ...vehicleBeforeDisclosureNumbers, disclosureNumber: null })).toBe(
      canonicalJson(vehicleBeforeDisclosureNumbers),
    );
  });

  it('hashes a later column once it holds a value, so changing it breaks the chain', () => {
    const row = { ...vehicleBeforeDisclosureNumbers, disclosureNumber: 'CNZXG6A0000001' };
    expect(chainedContent('vehicles', row)).toBe(canonicalJson(row));
    expect(chainedContent('vehicles', row)).not.toBe(
      chainedContent('vehicles', { ...row, disclosureNumber: 'CNZXG5A0000001' }),
    );
  });

  it('keeps a null of an original column in the content', () => {
    const row = { ...vehicleBeforeDisclosureNumbers, vin: null };
    expect(chainedContent('vehicles', row)).toContain('"vin":null');
  });
});
