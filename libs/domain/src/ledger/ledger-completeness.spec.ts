import {
  inPlantCompleteness,
  machineryCompleteness,
  transportCompleteness,
  type TransportField,
} from './ledger-completeness';
import { type TransportLedgerRecord } from './ledger-records';
import { aTransportRecord } from './testing/transport-record-builder';

describe('transport record completeness (domain.md §2 A)', () => {
  it('scores a complete record 1 with nothing missing', () => {
    expect(transportCompleteness(aTransportRecord().build())).toMatchObject({
      score: 1,
      missing: [],
      complete: true,
    });
  });

  it.each<[string, TransportLedgerRecord, TransportField[], number]>([
    ['no VIN', aTransportRecord().without('vin').build(), ['vin'], 13 / 14],
    ['a blank fleet name', aTransportRecord().with({ fleetName: '  ' }).build(), ['fleet-name'], 13 / 14],
    [
      'neither 随车清单 nor 行驶证',
      aTransportRecord().without('environmentalListImage').build(),
      ['vehicle-document'],
      13 / 14,
    ],
    [
      'only the 行驶证 (one of the two is enough)',
      aTransportRecord()
        .without('environmentalListImage')
        .with({ vehicleLicenceImage: 'docs/licence.jpg' })
        .build(),
      [],
      1,
    ],
    [
      'a vehicle still inside: exit fields are not due',
      aTransportRecord().without('exitAt', 'exitPhoto').build(),
      [],
      1,
    ],
    [
      'an exit recorded without its photo',
      aTransportRecord().without('exitPhoto').build(),
      ['exit-photo'],
      13 / 14,
    ],
    [
      'an exit without entry',
      aTransportRecord().without('entryAt', 'entryPhoto').build(),
      ['entry-time', 'entry-photo'],
      12 / 14,
    ],
    [
      'an invalid entry time',
      aTransportRecord()
        .with({ entryAt: new Date('x') })
        .build(),
      ['entry-time'],
      13 / 14,
    ],
    ['no cargo quantity yet', aTransportRecord().without('cargoTonnes').build(), ['cargo-quantity'], 13 / 14],
    [
      'a quantity that is no number',
      aTransportRecord().with({ cargoTonnes: Number.NaN }).build(),
      ['cargo-quantity'],
      13 / 14,
    ],
    ['no stage', aTransportRecord().without('emissionStage').build(), ['emission-stage'], 13 / 14],
    [
      'cargo and fleet still to be filled by the clerk',
      aTransportRecord().without('cargoName', 'cargoTonnes', 'fleetName').build(),
      ['cargo-name', 'cargo-quantity', 'fleet-name'],
      11 / 14,
    ],
  ])('%s → missing %p', (_case, record, missing, score) => {
    const result = transportCompleteness(record);
    expect(result.missing).toEqual(missing);
    expect(result.score).toBeCloseTo(score, 10);
    expect(result.complete).toBe(missing.length === 0);
  });

  it('scores an empty record 0 and lists the fields in ledger order', () => {
    const result = transportCompleteness({});
    expect(result.score).toBe(0);
    expect(result.missing).toEqual([
      'entry-time',
      'entry-photo',
      'plate-image',
      'plate-number',
      'registration-date',
      'vin',
      'engine-number',
      'emission-stage',
      'vehicle-document',
      'cargo-name',
      'cargo-quantity',
      'fleet-name',
    ]);
  });
});

describe('in-plant record completeness (domain.md §2 B)', () => {
  it.each([
    [
      'complete with a 行驶证',
      {
        registrationOrInternalNumber: '厂内-07',
        registrationDate: '2019-05-01',
        vin: 'LFWSRXRJ1M1F12345',
        engineNumber: 'E1',
        emissionStage: 'V' as const,
        vehicleLicenceImage: 'x.jpg',
      },
      [],
    ],
    [
      'empty',
      {},
      [
        'registration-or-internal-number',
        'registration-date',
        'vin',
        'engine-number',
        'emission-stage',
        'vehicle-document',
      ],
    ],
  ])('%s → missing %p', (_case, record, missing) => {
    expect(inPlantCompleteness(record).missing).toEqual(missing);
  });
});

describe('machinery record completeness (domain.md §2 C)', () => {
  const complete = {
    environmentalRegistrationCode: '13010020190001',
    productionDate: '2019-03-01',
    emissionStage: 'III' as const,
    machineCode: 'M-1',
    engineNameplateImage: 'a.jpg',
    machineNameplateImage: 'b.jpg',
    environmentalLabelImage: 'c.jpg',
    machineType: 'loader' as const,
    fuel: 'diesel' as const,
    owner: '自有',
  };

  it('accepts “no stage” (X) as a stage', () => {
    expect(machineryCompleteness({ ...complete, emissionStage: 'none' }).complete).toBe(true);
  });

  it('lists what is missing', () => {
    const { engineNameplateImage: _e, owner: _o, ...partial } = complete;
    expect(machineryCompleteness(partial)).toMatchObject({
      missing: ['engine-nameplate-image', 'owner'],
      score: 0.8,
    });
  });
});
