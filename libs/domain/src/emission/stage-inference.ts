import { err, ok, type DomainError, type Result } from '../shared/result';
import {
  combustionFuelsOf,
  dutyClassOf,
  hasEngine,
  isIsoDate,
  isNonRoadMachinery,
  isZeroEmissionFuel,
  type CombustionFuel,
  type DutyClass,
  type Fuel,
  type IsoDate,
  type VehicleCategory,
} from '../vehicle';
import { type EmissionStage } from './emission-stage';
import { type StageEvidence } from './stage-evidence';
import {
  DEFAULT_STAGE_INFERENCE_TABLE,
  NATIONAL_REGION,
  type StageInferenceTable,
  type StageRule,
} from './stage-inference-table';
import { compareStages } from './stage-order';

export interface StageInferenceInput {
  readonly category: VehicleCategory;
  readonly fuel: Fuel;
  readonly grossMassKg?: number;
  /** Registration date on the vehicle licence (road vehicles). */
  readonly registrationDate?: IsoDate;
  /** Production date (machinery; a road vehicle's fallback, as production precedes registration). */
  readonly productionDate?: IsoDate;
  /** ISO 3166-2 code of the registering region, e.g. `CN-HE`; without it only national rules apply. */
  readonly region?: string;
  /** When the inference is made: the domain has no clock. */
  readonly at: Date;
}

export type InferenceBasis =
  | { readonly by: 'zero-emission-fuel' }
  | {
      readonly by: 'registration-date' | 'production-date';
      readonly date: IsoDate;
      readonly dutyClass: DutyClass;
      readonly fuel: CombustionFuel;
      /** The rule that set the stage; absent when the date precedes every rule (the floor). */
      readonly ruleId?: string;
    };

export interface InferredStage extends StageEvidence {
  readonly source: 'inferred';
  readonly basis: InferenceBasis;
}

export type StageInferenceErrorCode = 'no-engine' | 'missing-date' | 'invalid-date';
export type StageInferenceError = DomainError<StageInferenceErrorCode>;

/** A stage read off the table for one rule family; the lowest over the families a vehicle may be in. */
export interface TableStage {
  readonly stage: EmissionStage;
  readonly dutyClass: DutyClass;
  readonly fuel: CombustionFuel;
  readonly rule?: StageRule;
}

/**
 * Infers the stage a vehicle at least has from its dates (domain.md §3). Always conservative:
 * sources that disagree give the later date, a vehicle whose duty class or engine fuel is unsure
 * gets the lowest answer over the possibilities, unconfirmed regional rows are ignored. The result
 * is always marked `inferred` and can deny but not grant passage during an alert.
 */
export function inferStage(
  input: StageInferenceInput,
  table: StageInferenceTable = DEFAULT_STAGE_INFERENCE_TABLE,
): Result<InferredStage, StageInferenceError> {
  const { category, fuel, at } = input;
  if (!hasEngine(category)) {
    return err({ code: 'no-engine', reason: `a ${category} has no engine and no emission stage` });
  }
  if (isZeroEmissionFuel(fuel)) {
    return ok({ stage: 'electric', source: 'inferred', at, basis: { by: 'zero-emission-fuel' } });
  }
  const nonRoad = isNonRoadMachinery(category);
  // Road rules count from registration; production precedes it, so using it instead only understates.
  // Machinery rules count from production; a later registration date could overstate, so it is not used.
  const byRegistration = !nonRoad && input.registrationDate !== undefined;
  const date = byRegistration ? input.registrationDate : input.productionDate;
  if (date === undefined) {
    return err({
      code: 'missing-date',
      reason: nonRoad ? 'machinery needs its production date' : 'needs a registration or production date',
    });
  }
  if (!isIsoDate(date)) {
    return err({ code: 'invalid-date', reason: `"${String(date)}" is not a YYYY-MM-DD date` });
  }
  const found = lowestTableStage(table, input, date);
  return ok({
    stage: found.stage,
    source: 'inferred',
    at,
    basis: {
      by: byRegistration ? 'registration-date' : 'production-date',
      date,
      dutyClass: found.dutyClass,
      fuel: found.fuel,
      ...(found.rule ? { ruleId: found.rule.id } : {}),
    },
  });
}

type TableQuery = Pick<StageInferenceInput, 'category' | 'fuel' | 'grossMassKg' | 'region'>;

/**
 * The lowest stage the table gives on `date` over every duty class and combustion fuel the vehicle
 * may have. Families the table has no adopted rule for (a heavy-duty gasoline hybrid) are left out
 * while another family remains: they would only say “no rule known”, not “older stage”. Expects a
 * vehicle with an engine and a combustion fuel (checked by callers).
 */
export function lowestTableStage(table: StageInferenceTable, query: TableQuery, date: IsoDate): TableStage {
  const families = familiesOf(query);
  const covered = families.filter((family) =>
    table.rules.some(
      (rule) =>
        rule.status === 'adopted' && rule.dutyClass === family.dutyClass && rule.fuels.includes(family.fuel),
    ),
  );
  let lowest: TableStage | undefined;
  for (const candidate of covered.length > 0 ? covered : families) {
    const found = stageOnDate(table, candidate.dutyClass, candidate.fuel, query.region, date);
    if (lowest === undefined || compareStages(found.stage, lowest.stage) < 0) lowest = found;
  }
  // familiesOf never returns an empty list for a vehicle with an engine and a combustion fuel.
  return lowest as TableStage;
}

/** The duty class × fuel families a vehicle may belong to. */
export function familiesOf(
  query: Pick<TableQuery, 'category' | 'fuel' | 'grossMassKg'>,
): { dutyClass: DutyClass; fuel: CombustionFuel }[] {
  const known = dutyClassOf(query.category, query.grossMassKg);
  const dutyClasses: readonly DutyClass[] = known ? [known] : ['heavy-duty', 'light-duty'];
  return dutyClasses.flatMap((dutyClass) =>
    combustionFuelsOf(query.fuel).map((fuel) => ({ dutyClass, fuel })),
  );
}

function stageOnDate(
  table: StageInferenceTable,
  dutyClass: DutyClass,
  fuel: CombustionFuel,
  region: string | undefined,
  date: IsoDate,
): TableStage {
  const applicable = table.rules.filter(
    (rule) =>
      rule.status === 'adopted' &&
      rule.dutyClass === dutyClass &&
      rule.fuels.includes(fuel) &&
      (rule.region === NATIONAL_REGION || rule.region === region),
  );
  let best: StageRule | undefined;
  for (const rule of effectiveRules(applicable)) {
    if (rule.from <= date && (best === undefined || compareStages(rule.stage, best.stage) > 0)) best = rule;
  }
  return best
    ? { stage: best.stage, dutyClass, fuel, rule: best }
    : { stage: table.floor[dutyClass], dutyClass, fuel };
}

/**
 * One rule per stage: within a layer (national, regional) the latest date, because a stage is only
 * certain once every source agrees it applies; across layers the earliest, because a region that
 * adopted early really did require the stage from then.
 */
function effectiveRules(rules: readonly StageRule[]): StageRule[] {
  const perLayer = new Map<string, StageRule>();
  for (const rule of rules) {
    const key = `${rule.stage}|${rule.region === NATIONAL_REGION ? 'national' : 'regional'}`;
    const current = perLayer.get(key);
    if (current === undefined || rule.from > current.from) perLayer.set(key, rule);
  }
  const perStage = new Map<EmissionStage, StageRule>();
  for (const rule of perLayer.values()) {
    const current = perStage.get(rule.stage);
    if (current === undefined || rule.from < current.from) perStage.set(rule.stage, rule);
  }
  return [...perStage.values()];
}
