import { type EmissionStage, type EvidenceSource } from '@ecogate/domain';
import { type paths } from '../api/generated/schema';

export const LIST_ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/in-plant-vehicles';
export const ONE_ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/in-plant-vehicles/{number}';
export type InPlantVehicle = paths[typeof ONE_ROUTE]['get']['responses'][200]['content']['application/json'];
export type InPlantUpsert = paths[typeof ONE_ROUTE]['put']['requestBody']['content']['application/json'];

/** The form's fields as typed (dates as `YYYY-MM-DD`). */
export interface InPlantValues {
  readonly number?: string;
  readonly registrationDate?: string;
  readonly vin?: string;
  readonly engineNo?: string;
  readonly stage?: EmissionStage | null;
  readonly stageSource?: EvidenceSource | null;
}

export type InPlantProblem = 'numberRequired' | 'vinInvalid' | 'stageSourceRequired' | 'needOne';

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

/**
 * The PUT for a vehicle of ledger B: the number names it (path), the body carries what was filled
 * in — the service keeps a field that is omitted, so an edit sends only what it sets.
 */
export function inPlantUpsert(
  values: InPlantValues,
): { number: string; body: InPlantUpsert } | { problems: InPlantProblem[] } {
  const problems: InPlantProblem[] = [];
  const number = values.number?.trim();
  const vin = values.vin?.trim().toUpperCase();
  const engineNo = values.engineNo?.trim();
  if (!number || number.length > 32) problems.push('numberRequired');
  if (vin && !VIN.test(vin)) problems.push('vinInvalid');
  if (values.stage && !values.stageSource) problems.push('stageSourceRequired');
  const body: InPlantUpsert = {
    ...(values.registrationDate ? { registrationDate: values.registrationDate } : {}),
    ...(vin ? { vin } : {}),
    ...(engineNo ? { engineNo } : {}),
    ...(values.stage && values.stageSource
      ? { stage: { stage: values.stage, source: values.stageSource } }
      : {}),
  };
  if (problems.length === 0 && Object.keys(body).length === 0) problems.push('needOne');
  return problems.length > 0 || !number ? { problems } : { number, body };
}

/** The form's starting values for an existing vehicle (or an empty form for a new one). */
export const inPlantValuesOf = (vehicle?: InPlantVehicle): InPlantValues =>
  vehicle
    ? {
        number: vehicle.number,
        ...(vehicle.registrationDate ? { registrationDate: vehicle.registrationDate } : {}),
        ...(vehicle.vin ? { vin: vehicle.vin } : {}),
        ...(vehicle.engineNo ? { engineNo: vehicle.engineNo } : {}),
        stage: vehicle.emissionStage,
        stageSource: vehicle.stageSource,
      }
    : { stageSource: 'document' };
