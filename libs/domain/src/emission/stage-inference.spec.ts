import { type Fuel, type IsoDate, type VehicleCategory } from '../vehicle';
import { type EmissionStage } from './emission-stage';
import { inferStage, type StageInferenceInput } from './stage-inference';
import {
  DEFAULT_STAGE_INFERENCE_TABLE,
  EXAMPLE_REGIONAL_STAGE_RULES,
  NATIONAL_REGION,
  NATIONAL_STAGE_RULES,
  type StageInferenceTable,
  type StageRule,
} from './stage-inference-table';

const AT = new Date('2024-05-01T00:00:00Z');

const stageOf = (
  input: Omit<StageInferenceInput, 'at'>,
  table?: StageInferenceTable,
): EmissionStage | string => {
  const result = inferStage({ ...input, at: AT }, table);
  return result.ok ? result.value.stage : result.error.code;
};

const road = (category: VehicleCategory, fuel: Fuel, registrationDate: IsoDate, grossMassKg?: number) => ({
  category,
  fuel,
  registrationDate,
  ...(grossMassKg === undefined ? {} : { grossMassKg }),
});

describe('inferStage: heavy-duty diesel, national dates (domain.md §3)', () => {
  it.each<[IsoDate, EmissionStage]>([
    ['2005-06-30', '0'],
    ['2008-01-01', '0'], // sources disagree (2008-01-01 / 2008-07-01): the later date understates
    ['2008-06-30', '0'],
    ['2008-07-01', 'III'],
    ['2013-06-30', 'III'],
    ['2013-07-01', 'IV'],
    ['2017-06-30', 'IV'],
    ['2017-07-01', 'V'],
    ['2021-06-30', 'V'],
    ['2021-07-01', 'VIa'],
    ['2023-06-30', 'VIa'],
    ['2023-07-01', 'VIb'],
    ['2026-01-01', 'VIb'],
  ])('registered %s → %s', (date, stage) => {
    expect(stageOf(road('heavy-truck', 'diesel', date))).toBe(stage);
  });
});

describe('inferStage: heavy-duty gas', () => {
  it.each<[IsoDate, EmissionStage]>([
    ['2008-12-30', '0'], // “2008”: only the last day of the year is certain
    ['2008-12-31', 'III'],
    ['2011-01-01', 'IV'],
    ['2017-07-01', 'V'], // unconfirmed in domain.md; the diesel date
    ['2019-07-01', 'VIa'],
    ['2021-01-01', 'VIb'],
  ])('registered %s → %s', (date, stage) => {
    expect(stageOf(road('tractor', 'natural-gas', date))).toBe(stage);
  });
});

describe('inferStage: light-duty', () => {
  it.each<[Fuel, IsoDate, EmissionStage]>([
    ['gasoline', '2011-06-30', '0'],
    ['gasoline', '2011-07-01', 'IV'],
    ['gasoline', '2017-01-01', 'V'],
    ['diesel', '2017-06-01', '0'], // no light diesel 国IV date in domain.md: floor
    ['diesel', '2018-01-01', 'V'],
    ['gasoline', '2020-07-01', 'VIa'],
    ['diesel', '2023-07-01', 'VIb'],
    ['natural-gas', '2019-01-01', '0'], // light gas has dates from 国VI only
    ['natural-gas', '2020-07-01', 'VIa'],
  ])('a %s car registered %s → %s', (fuel, date, stage) => {
    expect(stageOf(road('car', fuel, date))).toBe(stage);
  });
});

describe('inferStage: non-road machinery, by production date', () => {
  it.each<[IsoDate, EmissionStage]>([
    ['2015-10-01', 'none'], // “2015-10”: only the end of the month is certain
    ['2015-10-31', 'III'],
    ['2022-11-30', 'III'],
    ['2022-12-01', 'IV'],
  ])('a diesel loader built %s → %s', (date, stage) => {
    expect(stageOf({ category: 'loader', fuel: 'diesel', productionDate: date })).toBe(stage);
  });

  it('has no dates for gasoline machinery: the floor, no stage', () => {
    expect(stageOf({ category: 'forklift', fuel: 'gasoline', productionDate: '2023-01-01' })).toBe('none');
  });

  it('ignores a registration date, which may be later than production and overstate', () => {
    expect(stageOf({ category: 'excavator', fuel: 'diesel', registrationDate: '2023-01-01' })).toBe(
      'missing-date',
    );
    expect(
      stageOf({
        category: 'excavator',
        fuel: 'diesel',
        registrationDate: '2023-01-01',
        productionDate: '2016-01-01',
      }),
    ).toBe('III');
  });
});

describe('inferStage: conservative when the vehicle is unsure', () => {
  it.each<[string, Omit<StageInferenceInput, 'at'>, EmissionStage]>([
    [
      'a light truck of unknown mass: the lower of heavy and light rules',
      road('light-truck', 'diesel', '2017-08-01'),
      '0',
    ],
    ['a light truck known light-duty', road('light-truck', 'diesel', '2017-08-01', 3000), '0'],
    ['a light truck known heavy-duty (4.5 t)', road('light-truck', 'diesel', '2017-08-01', 4495), 'V'],
    [
      'a heavy hybrid: the lower of diesel and gas (no heavy gasoline rules)',
      road('heavy-truck', 'hybrid', '2020-01-01'),
      'V',
    ],
    ['a light hybrid: gas has no 国V date, so the floor', road('car', 'hybrid', '2019-01-01'), '0'],
    [
      'a heavy gasoline vehicle: no rule at all, the floor',
      road('heavy-truck', 'gasoline', '2022-01-01'),
      '0',
    ],
  ])('%s → %s', (_case, input, stage) => {
    expect(stageOf(input)).toBe(stage);
  });

  it('uses the production date when a road vehicle has no registration date', () => {
    const result = inferStage({
      category: 'heavy-truck',
      fuel: 'diesel',
      productionDate: '2018-01-01',
      at: AT,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        stage: 'V',
        source: 'inferred',
        at: AT,
        basis: {
          by: 'production-date',
          date: '2018-01-01',
          dutyClass: 'heavy-duty',
          fuel: 'diesel',
          ruleId: 'hd-diesel-V',
        },
      },
    });
  });

  it('says which rule set the stage, and none for the floor', () => {
    const ruled = inferStage({ ...road('heavy-truck', 'diesel', '2014-01-01'), at: AT });
    const floor = inferStage({ ...road('heavy-truck', 'diesel', '2001-01-01'), at: AT });
    expect(ruled.ok && ruled.value.basis).toEqual({
      by: 'registration-date',
      date: '2014-01-01',
      dutyClass: 'heavy-duty',
      fuel: 'diesel',
      ruleId: 'hd-diesel-IV',
    });
    expect(floor.ok && floor.value.basis).toEqual({
      by: 'registration-date',
      date: '2001-01-01',
      dutyClass: 'heavy-duty',
      fuel: 'diesel',
    });
  });
});

describe('inferStage: zero-emission, no engine and bad input', () => {
  it.each<[Fuel]>([['electric'], ['hydrogen']])('a %s truck is electric without any date', (fuel) => {
    expect(inferStage({ category: 'heavy-truck', fuel, at: AT })).toEqual({
      ok: true,
      value: { stage: 'electric', source: 'inferred', at: AT, basis: { by: 'zero-emission-fuel' } },
    });
  });

  it.each<[string, Omit<StageInferenceInput, 'at'>, string]>([
    ['a trailer', road('trailer', 'diesel', '2020-01-01'), 'no-engine'],
    ['a road vehicle without dates', { category: 'heavy-truck', fuel: 'diesel' }, 'missing-date'],
    ['machinery without a production date', { category: 'loader', fuel: 'diesel' }, 'missing-date'],
    ['a malformed date', road('heavy-truck', 'diesel', '2020/01/01'), 'invalid-date'],
    ['an impossible date', road('heavy-truck', 'diesel', '2021-02-30'), 'invalid-date'],
  ])('refuses %s: %s', (_case, input, code) => {
    expect(stageOf(input)).toBe(code);
  });

  it('explains a missing date differently for machinery and road vehicles', () => {
    const machine = inferStage({ category: 'loader', fuel: 'diesel', at: AT });
    const truck = inferStage({ category: 'heavy-truck', fuel: 'diesel', at: AT });
    expect(!machine.ok && machine.error.reason).toContain('production');
    expect(!truck.ok && truck.error.reason).toContain('registration');
  });
});

describe('inferStage: regional early adoption as data', () => {
  const rule = (overrides: Partial<StageRule>): StageRule => ({
    id: 'r',
    region: NATIONAL_REGION,
    dutyClass: 'heavy-duty',
    fuels: ['diesel'],
    stage: 'V',
    from: '2017-07-01',
    status: 'adopted',
    source: 'test',
    ...overrides,
  });
  const table = (rules: StageRule[]): StageInferenceTable => ({ ...DEFAULT_STAGE_INFERENCE_TABLE, rules });
  const beijingEarlyV = rule({ id: 'bj-V', region: 'CN-BJ', from: '2015-01-01' });
  const national = rule({ id: 'cn-V' });

  it.each<[string, StageRule[], string | undefined, IsoDate, EmissionStage]>([
    [
      'an adopted regional row raises the stage in its region',
      [national, beijingEarlyV],
      'CN-BJ',
      '2016-01-01',
      'V',
    ],
    ['…and nowhere else', [national, beijingEarlyV], 'CN-HE', '2016-01-01', '0'],
    ['…nor without a region', [national, beijingEarlyV], undefined, '2016-01-01', '0'],
    [
      'a regional row later than the national one changes nothing',
      [national, rule({ region: 'CN-BJ', from: '2018-01-01' })],
      'CN-BJ',
      '2017-08-01',
      'V',
    ],
    [
      'a to-confirm row is ignored',
      [national, { ...beijingEarlyV, status: 'to-confirm' }],
      'CN-BJ',
      '2016-01-01',
      '0',
    ],
    [
      'within a layer the later source wins, in any order',
      [rule({ from: '2018-01-01' }), national],
      undefined,
      '2017-08-01',
      '0',
    ],
    [
      '…also among regional sources',
      [national, beijingEarlyV, rule({ region: 'CN-BJ', from: '2016-06-01' })],
      'CN-BJ',
      '2016-01-01',
      '0',
    ],
  ])('%s', (_case, rules, region, date, stage) => {
    expect(
      stageOf(
        { category: 'heavy-truck', fuel: 'diesel', registrationDate: date, ...(region ? { region } : {}) },
        table(rules),
      ),
    ).toBe(stage);
  });

  it('ships the example regional rows as to-confirm, so they never raise a stage', () => {
    expect(EXAMPLE_REGIONAL_STAGE_RULES.length).toBeGreaterThanOrEqual(2);
    expect(EXAMPLE_REGIONAL_STAGE_RULES.every((r) => r.status === 'to-confirm')).toBe(true);
    expect(stageOf({ ...road('car', 'gasoline', '2020-03-01'), region: 'CN-BJ' })).toBe('V');
  });

  it('keeps every national row adopted, dated and sourced', () => {
    for (const r of NATIONAL_STAGE_RULES) {
      expect(r).toMatchObject({ region: NATIONAL_REGION, status: 'adopted' });
      expect(r.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.source).toContain('domain.md');
    }
  });
});
