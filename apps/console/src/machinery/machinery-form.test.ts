import { machineUpsert, machineValuesOf } from './machinery-form';

describe('a machine as the form sends it', () => {
  it('sends what was filled in, the registration code in the path', () => {
    expect(
      machineUpsert({
        registrationCode: ' 3201-0001 ',
        disclosureNumber: 'ab123456789012345678901x',
        machineType: 'loader',
        fuel: 'diesel',
        owner: ' 自有 ',
        stage: null,
        stageSource: 'document',
      }),
    ).toEqual({
      code: '3201-0001',
      body: {
        disclosureNumber: 'AB123456789012345678901X',
        machineType: 'loader',
        fuel: 'diesel',
        owner: '自有',
      },
    });
  });

  it('refuses a short disclosure number, a stage without its source and an empty form', () => {
    expect(machineUpsert({ registrationCode: 'C', disclosureNumber: '123' })).toEqual({
      problems: ['disclosureInvalid'],
    });
    expect(machineUpsert({ registrationCode: 'C', stage: 'IV', stageSource: null })).toEqual({
      problems: ['stageSourceRequired'],
    });
    expect(machineUpsert({ registrationCode: 'C' })).toEqual({ problems: ['needOne'] });
    expect(machineUpsert({ owner: 'x' })).toEqual({ problems: ['codeRequired'] });
  });

  it('starts an edit from the stored machine, unknown kinds left empty', () => {
    expect(machineValuesOf(undefined)).toEqual({ stageSource: 'document' });
    expect(
      machineValuesOf({
        id: '00000000-0000-4000-8000-000000000001',
        registrationCode: 'C1',
        disclosureNumber: null,
        productionDate: '2020-01-01',
        emissionStage: 'IV',
        stageSource: 'document',
        machineCode: null,
        machineType: 'spaceship',
        fuel: 'diesel',
        owner: null,
        engineNameplate: null,
        machineNameplate: null,
        environmentalLabel: null,
        completeness: 0.5,
        missingFields: [],
        updatedAt: '2025-01-01T00:00:00.000Z',
      }),
    ).toEqual({
      registrationCode: 'C1',
      productionDate: '2020-01-01',
      stage: 'IV',
      stageSource: 'document',
      machineType: null,
      fuel: 'diesel',
    });
  });
});
