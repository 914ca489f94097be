import { type DrivingLicenceRead, type InventoryListRead } from '@ecogate/contracts';
import { drivingLicenceOutcome, inventoryListOutcome } from './read-outcome';

const VIN = 'LFWADRJF7E1A00001';
const list = (fields: { vin?: string; disclosureNumber?: string }): InventoryListRead => ({
  kind: 'inventory-list',
  found: true,
  qrText: 'https://example.invalid/qr',
  unreadable: [],
  ...fields,
});

describe('a 随车清单 read against the vehicle', () => {
  it('records the disclosure number’s stage when the VIN matches', () => {
    expect(
      inventoryListOutcome(list({ vin: VIN.toLowerCase(), disclosureNumber: 'CNZXG5A0000000001' }), VIN),
    ).toEqual({
      state: 'read',
      outcome: 'stage-recorded',
      stage: 'V',
      reason: '国五 from disclosure number CNZXG5A0000000001',
    });
  });

  it.each<[string, InventoryListRead, string | null, string]>([
    [
      'no code in the photo',
      { kind: 'inventory-list', found: false, reason: 'no-qr-code', message: 'no QR code found' },
      VIN,
      'no-code',
    ],
    ['a code without VIN', list({ disclosureNumber: 'CNZXG5A0000000001' }), VIN, 'no-vin'],
    [
      'a vehicle without VIN',
      list({ vin: VIN, disclosureNumber: 'CNZXG5A0000000001' }),
      null,
      'vin-suggested',
    ],
    [
      'another vehicle’s list',
      list({ vin: 'LFWADRJF7E1A00002', disclosureNumber: 'CNZXG5A0000000001' }),
      VIN,
      'vin-mismatch',
    ],
    ['no disclosure number', list({ vin: VIN }), VIN, 'no-stage'],
    ['a number without stage', list({ vin: VIN, disclosureNumber: 'CNZXX5A0000000001' }), VIN, 'no-stage'],
  ])('leaves %s for a person', (_case, read, vehicleVin, outcome) => {
    const result = inventoryListOutcome(read, vehicleVin);
    expect(result).toMatchObject({ state: 'needs-person', outcome });
    expect(result.reason.length).toBeGreaterThan(10);
  });

  it('names the suggested VIN and the mismatching one in the reason', () => {
    expect(
      inventoryListOutcome(list({ vin: VIN, disclosureNumber: 'CNZXG5A0000000001' }), null).reason,
    ).toContain(VIN);
    expect(inventoryListOutcome(list({ vin: VIN }), 'LFWADRJF7E1A00002').reason).toContain(
      'LFWADRJF7E1A00002',
    );
  });
});

describe('a 行驶证 read', () => {
  const licence: DrivingLicenceRead = {
    kind: 'driving-licence',
    found: true,
    fields: {
      vin: { value: 'LFWADRJF7E1A00002', confidence: 0.93 },
      registrationDate: { value: '2016-05-02', confidence: 0.9 },
    },
    unreadable: ['vehicleType'],
  };

  it('is always a person’s to confirm, saying what is unreadable and whose VIN differs', () => {
    const result = drivingLicenceOutcome(licence, VIN);
    expect(result).toMatchObject({ state: 'needs-person', outcome: 'licence-read' });
    expect(result.reason).toContain('unreadable: vehicleType');
    expect(result.reason).toContain(`not the vehicle's ${VIN}`);
  });

  it('says when the photo is not a licence', () => {
    expect(drivingLicenceOutcome({ ...licence, found: false }, VIN).outcome).toBe('not-a-licence');
  });
});
