import { hasEngine, isZeroEmissionFuel, type Fuel, type VehicleCategory } from '../vehicle';
import { type EmissionStage } from './emission-stage';
import { DEFAULT_STAGE_INFERENCE_TABLE, type StageInferenceTable } from './stage-inference-table';
import { familiesOf, lowestTableStage } from './stage-inference';
import { compareStages, mayBeAtLeast } from './stage-order';

/**
 * How many years before a stage became mandatory vehicles meeting it were already sold: regions
 * adopted stages up to about four years early (国V in eastern provinces before 2017, domain.md §3).
 */
export const DEFAULT_STAGE_LEAD_YEARS = 4;

export interface ModelYearCheckInput {
  readonly stage: EmissionStage;
  /** From the VIN's 10th character (the `vin/` module picks the year); passed in as a number. */
  readonly modelYear: number;
  readonly category: VehicleCategory;
  readonly fuel: Fuel;
  readonly grossMassKg?: number;
}

export type ModelYearVerdict = 'plausible' | 'stage-too-high' | 'stage-too-low' | 'not-checked';

export interface ModelYearCheck {
  readonly verdict: ModelYearVerdict;
  /** The lowest stage a vehicle of that model year can have (national rules only). */
  readonly lowestExpected?: EmissionStage;
  /** The first year the claimed stage was required anywhere in the table. */
  readonly stageFirstRequired?: number;
}

/**
 * A sanity bound, not a verdict on the vehicle: flags a claimed stage that cannot match the model
 * year (a 2012 truck claiming 国VI, a 2024 truck claiming 国III). Only certain mismatches are
 * flagged: the lower bound uses the earliest build date a model year allows (1 January of the
 * year before) and national rules, the upper bound the earliest date of any row plus a lead time.
 * Electric claims and fuels are checked by `stageContradictsFuel` instead.
 */
export function checkStageAgainstModelYear(
  input: ModelYearCheckInput,
  options: { readonly table?: StageInferenceTable; readonly leadYears?: number } = {},
): ModelYearCheck {
  const { stage, modelYear, category, fuel } = input;
  const table = options.table ?? DEFAULT_STAGE_INFERENCE_TABLE;
  const leadYears = options.leadYears ?? DEFAULT_STAGE_LEAD_YEARS;
  if (
    !Number.isInteger(modelYear) ||
    !hasEngine(category) ||
    isZeroEmissionFuel(fuel) ||
    stage === 'electric'
  ) {
    return { verdict: 'not-checked' };
  }
  const earliestBuild = `${String(modelYear - 1).padStart(4, '0')}-01-01`;
  const lowestExpected = lowestTableStage(table, input, earliestBuild).stage;
  if (!mayBeAtLeast(stage, lowestExpected)) return { verdict: 'stage-too-low', lowestExpected };

  const stageFirstRequired = firstRequiredYear(table, input);
  if (stageFirstRequired !== undefined && stageFirstRequired - leadYears > modelYear) {
    return { verdict: 'stage-too-high', lowestExpected, stageFirstRequired };
  }
  return {
    verdict: 'plausible',
    lowestExpected,
    ...(stageFirstRequired === undefined ? {} : { stageFirstRequired }),
  };
}

function firstRequiredYear(table: StageInferenceTable, input: ModelYearCheckInput): number | undefined {
  const families = familiesOf(input);
  const dates = table.rules
    .filter(
      (rule) =>
        compareStages(rule.stage, input.stage) === 0 &&
        families.some((f) => f.dutyClass === rule.dutyClass && rule.fuels.includes(f.fuel)),
    )
    .map((rule) => rule.from)
    .sort();
  return dates[0] === undefined ? undefined : Number(dates[0].slice(0, 4));
}

/**
 * A stage that contradicts the licence's fuel: an electric stage on a combustion fuel, or a
 * combustion stage on an electric or fuel-cell vehicle. Either is a data error to review.
 */
export const stageContradictsFuel = (stage: EmissionStage, fuel: Fuel): boolean =>
  (stage === 'electric') !== isZeroEmissionFuel(fuel);
