import { type Fuel, type VehicleCategory } from '../vehicle';
import { type EmissionStage } from './emission-stage';
import { DEFAULT_STAGE_INFERENCE_TABLE, NATIONAL_STAGE_RULES } from './stage-inference-table';
import {
  checkStageAgainstModelYear,
  stageContradictsFuel,
  type ModelYearCheck,
  type ModelYearCheckInput,
} from './stage-plausibility';

const check = (
  stage: EmissionStage,
  modelYear: number,
  category: VehicleCategory = 'heavy-truck',
  fuel: Fuel = 'diesel',
): ModelYearCheckInput => ({ stage, modelYear, category, fuel });

describe('checkStageAgainstModelYear (VIN model year as a sanity bound, domain.md §3)', () => {
  it.each<[string, ModelYearCheckInput, ModelYearCheck]>([
    [
      'a 2012 heavy diesel truck claiming 国VI',
      check('VIa', 2012),
      { verdict: 'stage-too-high', lowestExpected: 'III', stageFirstRequired: 2021 },
    ],
    [
      'a 2024 heavy diesel truck claiming 国III',
      check('III', 2024),
      { verdict: 'stage-too-low', lowestExpected: 'VIa' },
    ],
    [
      'a 2025 truck claiming 国VI without sub-stage (may be VIb)',
      check('VI', 2025),
      { verdict: 'plausible', lowestExpected: 'VIb', stageFirstRequired: 2021 },
    ],
    ['a 2025 truck claiming 国VIa', check('VIa', 2025), { verdict: 'stage-too-low', lowestExpected: 'VIb' }],
    [
      'a 2016 truck claiming 国V (early adopters sold 国V before 2017)',
      check('V', 2016),
      { verdict: 'plausible', lowestExpected: 'IV', stageFirstRequired: 2017 },
    ],
    [
      'a 2010 gasoline car claiming 国IV',
      check('IV', 2010, 'car', 'gasoline'),
      { verdict: 'plausible', lowestExpected: '0', stageFirstRequired: 2011 },
    ],
    [
      'a 2005 truck claiming 国II (no dated rule for 国II)',
      check('II', 2005),
      { verdict: 'plausible', lowestExpected: '0' },
    ],
    [
      'a 2019 diesel excavator claiming 国III',
      check('III', 2019, 'excavator'),
      { verdict: 'plausible', lowestExpected: 'III', stageFirstRequired: 2015 },
    ],
    [
      'a 2018 diesel loader claiming no stage',
      check('none', 2018, 'loader'),
      { verdict: 'stage-too-low', lowestExpected: 'III' },
    ],
    ['an electric claim', check('electric', 2020), { verdict: 'not-checked' }],
    ['an electric truck', check('VI', 2020, 'heavy-truck', 'electric'), { verdict: 'not-checked' }],
    ['a trailer', check('VI', 2020, 'trailer'), { verdict: 'not-checked' }],
    ['a model year that is not a year', check('VI', 2020.5), { verdict: 'not-checked' }],
  ])('%s', (_case, input, expected) => {
    expect(checkStageAgainstModelYear(input)).toEqual(expected);
  });

  it('takes the lead time as a parameter', () => {
    expect(checkStageAgainstModelYear(check('V', 2014)).verdict).toBe('plausible');
    expect(checkStageAgainstModelYear(check('V', 2014), { leadYears: 0 }).verdict).toBe('stage-too-high');
  });

  it('takes the table as a parameter', () => {
    const table = {
      ...DEFAULT_STAGE_INFERENCE_TABLE,
      rules: NATIONAL_STAGE_RULES.filter((rule) => rule.id !== 'hd-diesel-VIa'),
    };
    expect(checkStageAgainstModelYear(check('VIa', 2012), { table })).toEqual({
      verdict: 'plausible',
      lowestExpected: 'III',
    });
  });
});

describe('stageContradictsFuel', () => {
  it.each<[EmissionStage, Fuel, boolean]>([
    ['electric', 'electric', false],
    ['electric', 'hydrogen', false],
    ['electric', 'diesel', true],
    ['VI', 'electric', true],
    ['VI', 'hybrid', false],
    ['IV', 'diesel', false],
  ])('%s on %s: %s', (stage, fuel, expected) => {
    expect(stageContradictsFuel(stage, fuel)).toBe(expected);
  });
});
