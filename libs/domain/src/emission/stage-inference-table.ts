import { type CombustionFuel, type DutyClass, type IsoDate } from '../vehicle';
import { type EmissionStage } from './emission-stage';

/** The region code of nationwide rules; regional rules use ISO 3166-2 codes such as `CN-BJ`. */
export const NATIONAL_REGION = 'CN';

/**
 * `adopted` rows drive inference; `to-confirm` rows are kept as data for review and never raise an
 * inferred stage (inference must only understate, domain.md §3).
 */
export type StageRuleStatus = 'adopted' | 'to-confirm';

/**
 * One fact of the form “from this date, every new vehicle of this family must meet this stage”.
 * Road rules apply to the registration date, machinery rules to the production date.
 */
export interface StageRule {
  readonly id: string;
  readonly region: string;
  readonly dutyClass: DutyClass;
  readonly fuels: readonly CombustionFuel[];
  readonly stage: EmissionStage;
  readonly from: IsoDate;
  readonly status: StageRuleStatus;
  /** Where the fact comes from, for the reviewer. */
  readonly source: string;
}

export interface StageInferenceTable {
  readonly rules: readonly StageRule[];
  /** The stage inferred before the first known rule: the lowest one, so inference understates. */
  readonly floor: Readonly<Record<DutyClass, EmissionStage>>;
}

const HEAVY_GAS: readonly CombustionFuel[] = ['natural-gas'];
const ALL_FUELS: readonly CombustionFuel[] = ['diesel', 'gasoline', 'natural-gas'];

/**
 * Nationwide dates from domain.md §3. Where sources disagree both rows are kept and inference uses
 * the later date; dates known only to a month or a year use the last day of that period. Facts
 * domain.md does not give (heavy gasoline, light gas before 国VI, machinery before 国三) have no
 * row, so such vehicles fall to the floor.
 */
export const NATIONAL_STAGE_RULES: readonly StageRule[] = [
  // Heavy-duty (gross mass > 3.5 t), diesel.
  row('hd-diesel-III-a', 'heavy-duty', ['diesel'], 'III', '2008-01-01', 'domain.md §3 (2008-01-01)'),
  row(
    'hd-diesel-III-b',
    'heavy-duty',
    ['diesel'],
    'III',
    '2008-07-01',
    'domain.md §3 (some sources 2008-07-01)',
  ),
  row('hd-diesel-IV', 'heavy-duty', ['diesel'], 'IV', '2013-07-01', 'domain.md §3'),
  row('hd-diesel-V', 'heavy-duty', ['diesel'], 'V', '2017-07-01', 'domain.md §3'),
  row('hd-diesel-VIa', 'heavy-duty', ['diesel'], 'VIa', '2021-07-01', 'domain.md §3'),
  row('hd-diesel-VIb', 'heavy-duty', ['diesel'], 'VIb', '2023-07-01', 'domain.md §3'),
  // Heavy-duty, gas (NG/LPG).
  row(
    'hd-gas-III',
    'heavy-duty',
    HEAVY_GAS,
    'III',
    '2008-12-31',
    'domain.md §3 (“2008”: last day of the year)',
  ),
  row('hd-gas-IV', 'heavy-duty', HEAVY_GAS, 'IV', '2011-01-01', 'domain.md §3'),
  row('hd-gas-V', 'heavy-duty', HEAVY_GAS, 'V', '2017-07-01', 'domain.md §3 (unconfirmed; diesel date)'),
  row('hd-gas-VIa', 'heavy-duty', HEAVY_GAS, 'VIa', '2019-07-01', 'domain.md §3'),
  row('hd-gas-VIb', 'heavy-duty', HEAVY_GAS, 'VIb', '2021-01-01', 'domain.md §3'),
  // Light-duty (≤ 3.5 t).
  row('ld-gasoline-IV', 'light-duty', ['gasoline'], 'IV', '2011-07-01', 'domain.md §3'),
  row('ld-gasoline-V', 'light-duty', ['gasoline'], 'V', '2017-01-01', 'domain.md §3'),
  row('ld-diesel-V', 'light-duty', ['diesel'], 'V', '2018-01-01', 'domain.md §3'),
  row('ld-VIa', 'light-duty', ALL_FUELS, 'VIa', '2020-07-01', 'domain.md §3'),
  row('ld-VIb', 'light-duty', ALL_FUELS, 'VIb', '2023-07-01', 'domain.md §3'),
  // Non-road diesel machinery, by production date.
  row(
    'nr-diesel-III',
    'non-road',
    ['diesel'],
    'III',
    '2015-10-31',
    'domain.md §3 (“2015-10”: last day of the month)',
  ),
  row('nr-diesel-IV', 'non-road', ['diesel'], 'IV', '2022-12-01', 'domain.md §3'),
];

/**
 * Early adoption by regions (domain.md §3: eastern provinces 国V before 2017, several 国VI from
 * 2019-07-01). EXAMPLES TO BE CONFIRMED against the provincial notices before any is adopted.
 */
export const EXAMPLE_REGIONAL_STAGE_RULES: readonly StageRule[] = [
  {
    id: 'CN-BJ-ld-VIb',
    region: 'CN-BJ',
    dutyClass: 'light-duty',
    fuels: ['gasoline'],
    stage: 'VIb',
    from: '2020-01-01',
    status: 'to-confirm',
    source: 'example: Beijing light-duty 国VIb early adoption (to be confirmed)',
  },
  {
    id: 'CN-HE-ld-VIa',
    region: 'CN-HE',
    dutyClass: 'light-duty',
    fuels: ALL_FUELS,
    stage: 'VIa',
    from: '2019-07-01',
    status: 'to-confirm',
    source: 'example: Hebei light-duty 国VI from 2019-07-01 (to be confirmed)',
  },
];

export const DEFAULT_STAGE_INFERENCE_TABLE: StageInferenceTable = {
  rules: [...NATIONAL_STAGE_RULES, ...EXAMPLE_REGIONAL_STAGE_RULES],
  floor: { 'heavy-duty': '0', 'light-duty': '0', 'non-road': 'none' },
};

function row(
  id: string,
  dutyClass: DutyClass,
  fuels: readonly CombustionFuel[],
  stage: EmissionStage,
  from: IsoDate,
  source: string,
): StageRule {
  return { id, region: NATIONAL_REGION, dutyClass, fuels, stage, from, status: 'adopted', source };
}
