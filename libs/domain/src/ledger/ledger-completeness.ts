import { isValidInstant } from '../vehicle';
import {
  type InPlantLedgerRecord,
  type MachineryLedgerRecord,
  type TransportLedgerRecord,
} from './ledger-records';

/** Inspectors sample records and check completeness (domain.md §6); this is what they check. */
export interface Completeness<F extends string> {
  /** Share of required fields present, 0..1. */
  readonly score: number;
  readonly required: readonly F[];
  readonly missing: readonly F[];
  readonly complete: boolean;
}

export type TransportField =
  | 'entry-time'
  | 'entry-photo'
  | 'exit-time'
  | 'exit-photo'
  | 'plate-image'
  | 'plate-number'
  | 'registration-date'
  | 'vin'
  | 'engine-number'
  | 'emission-stage'
  | 'vehicle-document'
  | 'cargo-name'
  | 'cargo-quantity'
  | 'fleet-name';

export type InPlantField =
  | 'registration-or-internal-number'
  | 'registration-date'
  | 'vin'
  | 'engine-number'
  | 'emission-stage'
  | 'vehicle-document';

export type MachineryField =
  | 'environmental-registration-code'
  | 'production-date'
  | 'emission-stage'
  | 'machine-code'
  | 'engine-nameplate-image'
  | 'machine-nameplate-image'
  | 'environmental-label-image'
  | 'machine-type'
  | 'fuel'
  | 'owner';

const text = (value: string | undefined): boolean => value !== undefined && value.trim().length > 0;
const defined = (value: unknown): boolean => value !== undefined;

/** `随车清单` or `行驶证`: at least one of the two images (domain.md §2). */
const vehicleDocument = (record: {
  environmentalListImage?: string;
  vehicleLicenceImage?: string;
}): boolean => text(record.environmentalListImage) || text(record.vehicleLicenceImage);

function score<F extends string>(checks: readonly (readonly [F, boolean])[]): Completeness<F> {
  const required = checks.map(([field]) => field);
  const missing = checks.filter(([, present]) => !present).map(([field]) => field);
  return {
    // Every ledger has required fields, so the division is safe.
    score: (required.length - missing.length) / required.length,
    required,
    missing,
    complete: missing.length === 0,
  };
}

/**
 * A transport record. Exit time and photo are required once the vehicle has left (an exit time is
 * recorded); a vehicle still inside is not incomplete for lacking them. An exit without entry
 * lacks the entry fields, and is incomplete.
 */
export function transportCompleteness(record: TransportLedgerRecord): Completeness<TransportField> {
  const exited = record.exitAt !== undefined;
  const checks: (readonly [TransportField, boolean])[] = [
    ['entry-time', isValidInstant(record.entryAt)],
    ['entry-photo', text(record.entryPhoto)],
  ];
  if (exited)
    checks.push(['exit-time', isValidInstant(record.exitAt)], ['exit-photo', text(record.exitPhoto)]);
  checks.push(
    ['plate-image', text(record.plateImage)],
    ['plate-number', text(record.plate)],
    ['registration-date', text(record.registrationDate)],
    ['vin', text(record.vin)],
    ['engine-number', text(record.engineNumber)],
    ['emission-stage', defined(record.emissionStage)],
    ['vehicle-document', vehicleDocument(record)],
    ['cargo-name', text(record.cargoName)],
    ['cargo-quantity', typeof record.cargoTonnes === 'number' && Number.isFinite(record.cargoTonnes)],
    ['fleet-name', text(record.fleetName)],
  );
  return score(checks);
}

export const inPlantCompleteness = (record: InPlantLedgerRecord): Completeness<InPlantField> =>
  score<InPlantField>([
    ['registration-or-internal-number', text(record.registrationOrInternalNumber)],
    ['registration-date', text(record.registrationDate)],
    ['vin', text(record.vin)],
    ['engine-number', text(record.engineNumber)],
    ['emission-stage', defined(record.emissionStage)],
    ['vehicle-document', vehicleDocument(record)],
  ]);

export const machineryCompleteness = (record: MachineryLedgerRecord): Completeness<MachineryField> =>
  score<MachineryField>([
    ['environmental-registration-code', text(record.environmentalRegistrationCode)],
    ['production-date', text(record.productionDate)],
    ['emission-stage', defined(record.emissionStage)],
    ['machine-code', text(record.machineCode)],
    ['engine-nameplate-image', text(record.engineNameplateImage)],
    ['machine-nameplate-image', text(record.machineNameplateImage)],
    ['environmental-label-image', text(record.environmentalLabelImage)],
    ['machine-type', defined(record.machineType)],
    ['fuel', defined(record.fuel)],
    ['owner', text(record.owner)],
  ]);
