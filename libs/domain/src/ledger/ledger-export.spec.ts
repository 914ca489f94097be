import {
  exportInPlantRecord,
  exportMachineryRecord,
  exportTransportRecord,
  type ExportProblemCode,
  IN_PLANT_EXPORT_TITLES,
  MACHINERY_EXPORT_TITLES,
  TRANSPORT_EXPORT_TITLES,
} from './ledger-export';
import { aTransportRecord } from './testing/transport-record-builder';

describe('transport export (domain.md §2 A)', () => {
  it('maps a complete record to the guide’s columns', () => {
    expect(exportTransportRecord(aTransportRecord().build())).toEqual({
      ok: true,
      value: {
        row: {
          entryTime: '20240305 090203',
          exitTime: '20240305 110405',
          plateNumber: '冀A12345',
          plateColour: 'yellow',
          registrationDate: '20210815',
          vin: 'LFWSRXRJ1M1F12345',
          engineNumber: 'WP10H400E62-123456',
          emissionStage: '6',
          cargoName: '铁矿石',
          cargoQuantity: '31.5',
          fleetName: '自有',
        },
        warnings: [],
      },
    });
  });

  it('exports missing values as empty columns (completeness reports them)', () => {
    const result = exportTransportRecord({});
    expect(result.ok && Object.values(result.value.row).every((value) => value === '')).toBe(true);
  });

  it('uses the site offset it is given', () => {
    const result = exportTransportRecord(aTransportRecord().build(), { offsetMinutes: 0 });
    expect(result.ok && result.value.row.entryTime).toBe('20240305 010203');
  });

  it.each<[string, Parameters<ReturnType<typeof aTransportRecord>['with']>[0], string, string]>([
    ['electric', { emissionStage: 'electric' }, 'emissionStage', 'D'],
    ['国VIb folds into 6', { emissionStage: 'VIb' }, 'emissionStage', '6'],
    ['国0', { emissionStage: '0' }, 'emissionStage', '0'],
    ['a whole tonnage', { cargoTonnes: 40 }, 'cargoQuantity', '40.0'],
    ['the largest tonnage', { cargoTonnes: 999.9 }, 'cargoQuantity', '999.9'],
    ['zero tonnes (empty truck)', { cargoTonnes: 0 }, 'cargoQuantity', '0.0'],
  ])('%s', (_case, changes, column, expected) => {
    const result = exportTransportRecord(aTransportRecord().with(changes).build());
    expect(result.ok && (result.value.row as unknown as Record<string, string>)[column]).toBe(expected);
  });

  it.each<[string, Parameters<ReturnType<typeof aTransportRecord>['with']>[0], string, ExportProblemCode]>([
    ['a plate over 10 characters', { plate: '冀A12345挂挂挂挂' }, 'plateNumber', 'too-long'],
    ['a VIN over 17 characters', { vin: 'LFWSRXRJ1M1F1234567' }, 'vin', 'too-long'],
    ['an engine number over 32 characters', { engineNumber: 'E'.repeat(33) }, 'engineNumber', 'too-long'],
    ['no stage X on a road vehicle', { emissionStage: 'none' }, 'emissionStage', 'stage-not-allowed'],
    ['a negative quantity', { cargoTonnes: -1 }, 'cargoQuantity', 'quantity-out-of-range'],
    ['a quantity over 999.9 t', { cargoTonnes: 1000 }, 'cargoQuantity', 'quantity-out-of-range'],
    ['a quantity rounding over 999.9 t', { cargoTonnes: 999.96 }, 'cargoQuantity', 'quantity-out-of-range'],
    [
      'an infinite quantity',
      { cargoTonnes: Number.POSITIVE_INFINITY },
      'cargoQuantity',
      'quantity-out-of-range',
    ],
    ['a malformed registration date', { registrationDate: '2021/08/15' }, 'registrationDate', 'invalid-date'],
    ['an invalid exit time', { exitAt: new Date('x') }, 'exitTime', 'invalid-time'],
  ])('refuses %s', (_case, changes, field, code) => {
    const result = exportTransportRecord(aTransportRecord().with(changes).build());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.problems).toEqual([expect.objectContaining({ field, code })]);
    expect(!result.ok && result.error.code).toBe('export-rejected');
  });

  it('reports every problem of a record at once', () => {
    const result = exportTransportRecord(
      aTransportRecord()
        .with({ vin: 'X'.repeat(20), cargoTonnes: -2 })
        .build(),
    );
    expect(!result.ok && result.error.problems.map((p) => p.field)).toEqual(['vin', 'cargoQuantity']);
  });

  it.each<[string, Parameters<ReturnType<typeof aTransportRecord>['with']>[0], string, string]>([
    ['a long cargo name is shortened', { cargoName: '高'.repeat(40) }, 'cargoName', 'truncated'],
    ['a long fleet name is shortened', { fleetName: 'f'.repeat(120) }, 'fleetName', 'truncated'],
    ['a quantity with two decimals is rounded', { cargoTonnes: 31.46 }, 'cargoQuantity', 'rounded'],
  ])('warns: %s', (_case, changes, field, code) => {
    const result = exportTransportRecord(aTransportRecord().with(changes).build());
    expect(result.ok && result.value.warnings).toEqual([expect.objectContaining({ field, code })]);
  });

  it('rounds to the column’s one decimal', () => {
    const result = exportTransportRecord(aTransportRecord().with({ cargoTonnes: 31.46 }).build());
    expect(result.ok && result.value.row.cargoQuantity).toBe('31.5');
  });
});

describe('in-plant and machinery export (domain.md §2 B, C)', () => {
  it('maps an in-plant record', () => {
    expect(
      exportInPlantRecord({
        registrationOrInternalNumber: '厂内-07',
        registrationDate: '2019-05-01',
        vin: 'LFWSRXRJ1M1F12345',
        engineNumber: 'E1',
        emissionStage: 'IV',
      }),
    ).toEqual({
      ok: true,
      value: {
        row: {
          registrationOrInternalNumber: '厂内-07',
          registrationDate: '20190501',
          vin: 'LFWSRXRJ1M1F12345',
          engineNumber: 'E1',
          emissionStage: '4',
        },
        warnings: [],
      },
    });
  });

  it('refuses X on an in-plant vehicle and a long internal number', () => {
    const result = exportInPlantRecord({
      emissionStage: 'none',
      registrationOrInternalNumber: 'N'.repeat(33),
    });
    expect(!result.ok && result.error.problems.map((p) => p.code)).toEqual(['too-long', 'stage-not-allowed']);
  });

  it('maps machinery, where X (no stage) is allowed', () => {
    expect(
      exportMachineryRecord({
        environmentalRegistrationCode: '13010020190001',
        productionDate: '2014-06-01',
        emissionStage: 'none',
        machineCode: 'M-1',
      }),
    ).toEqual({
      ok: true,
      value: {
        row: {
          environmentalRegistrationCode: '13010020190001',
          productionDate: '20140601',
          emissionStage: 'X',
          machineCode: 'M-1',
        },
        warnings: [],
      },
    });
  });

  it('refuses a machine code over 64 characters', () => {
    const result = exportMachineryRecord({ machineCode: 'm'.repeat(65) });
    expect(!result.ok && result.error.problems.map((p) => p.field)).toEqual(['machineCode']);
  });
});

describe('column titles', () => {
  it('title every exported field, in the order the rows list them', () => {
    const keysOf = (result: { ok: boolean; value?: { row: object } }) => Object.keys(result.value?.row ?? {});
    expect(Object.keys(TRANSPORT_EXPORT_TITLES)).toEqual(keysOf(exportTransportRecord({})));
    expect(Object.keys(IN_PLANT_EXPORT_TITLES)).toEqual(keysOf(exportInPlantRecord({})));
    expect(Object.keys(MACHINERY_EXPORT_TITLES)).toEqual(keysOf(exportMachineryRecord({})));
  });
});
