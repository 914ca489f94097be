import {
  type EmissionStage,
  type EvidenceSource,
  type Fuel,
  isFuel,
  NON_ROAD_MACHINERY_CATEGORIES,
  type NonRoadMachineryCategory,
} from '@ecogate/domain';
import { type paths } from '../api/generated/schema';

export const LIST_ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/machinery';
export const ONE_ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/machinery/{code}';
export type Machine = paths[typeof ONE_ROUTE]['get']['responses'][200]['content']['application/json'];
export type MachineUpsert = paths[typeof ONE_ROUTE]['put']['requestBody']['content']['application/json'];

/** The form's fields as typed (dates as `YYYY-MM-DD`). */
export interface MachineValues {
  readonly registrationCode?: string;
  readonly disclosureNumber?: string;
  readonly productionDate?: string;
  readonly stage?: EmissionStage | null;
  readonly stageSource?: EvidenceSource | null;
  readonly machineCode?: string;
  readonly machineType?: NonRoadMachineryCategory | null;
  readonly fuel?: Fuel | null;
  readonly owner?: string;
}

export type MachineProblem = 'codeRequired' | 'disclosureInvalid' | 'stageSourceRequired' | 'needOne';

/**
 * The PUT for a machine of ledger C: the registration code names it (path), the body carries what
 * was filled in (the service keeps what is omitted; a disclosure number gives the stage).
 */
export function machineUpsert(
  values: MachineValues,
): { code: string; body: MachineUpsert } | { problems: MachineProblem[] } {
  const problems: MachineProblem[] = [];
  const code = values.registrationCode?.trim();
  const disclosureNumber = values.disclosureNumber?.trim().toUpperCase();
  const machineCode = values.machineCode?.trim();
  const owner = values.owner?.trim();
  if (!code || code.length > 32) problems.push('codeRequired');
  if (disclosureNumber && disclosureNumber.length !== 24) problems.push('disclosureInvalid');
  if (values.stage && !values.stageSource) problems.push('stageSourceRequired');
  const body: MachineUpsert = {
    ...(disclosureNumber ? { disclosureNumber } : {}),
    ...(values.productionDate ? { productionDate: values.productionDate } : {}),
    ...(values.stage && values.stageSource
      ? { stage: { stage: values.stage, source: values.stageSource } }
      : {}),
    ...(machineCode ? { machineCode } : {}),
    ...(values.machineType ? { machineType: values.machineType } : {}),
    ...(values.fuel ? { fuel: values.fuel } : {}),
    ...(owner ? { owner } : {}),
  };
  if (problems.length === 0 && Object.keys(body).length === 0) problems.push('needOne');
  return problems.length > 0 || !code ? { problems } : { code, body };
}

/** The form's starting values for an existing machine (or an empty form for a new one). */
export const machineValuesOf = (machine?: Machine): MachineValues =>
  machine
    ? {
        registrationCode: machine.registrationCode,
        ...(machine.disclosureNumber ? { disclosureNumber: machine.disclosureNumber } : {}),
        ...(machine.productionDate ? { productionDate: machine.productionDate } : {}),
        stage: machine.emissionStage,
        stageSource: machine.stageSource,
        ...(machine.machineCode ? { machineCode: machine.machineCode } : {}),
        machineType: NON_ROAD_MACHINERY_CATEGORIES.find((type) => type === machine.machineType) ?? null,
        fuel: isFuel(machine.fuel) ? machine.fuel : null,
        ...(machine.owner ? { owner: machine.owner } : {}),
      }
    : { stageSource: 'document' };
