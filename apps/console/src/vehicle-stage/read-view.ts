import { type Fuel, type VehicleCategory } from '@ecogate/domain';
import { type Confirmation, type DocumentRead, type VehicleView } from './api';
import { type messages } from './messages';

type Key = keyof typeof messages;

/**
 * Below this an OCR field is highlighted for a closer look. PP-OCR's recogniser scores clean print
 * around 0.95+; blur, glare and angle pull it under 0.9, where misread characters start to appear.
 */
export const LOW_CONFIDENCE = 0.9;

/** The newest read of each document (the service lists them newest first). */
export function latestReadOf(
  reads: readonly DocumentRead[],
  kind: DocumentRead['kind'],
): DocumentRead | undefined {
  return reads.find((read) => read.kind === kind);
}

export interface ReadStatus {
  readonly label: Key;
  readonly values?: Record<string, string | number>;
  readonly colour: 'default' | 'processing' | 'success' | 'warning';
  /** What the read says in words: why it waits, or what a person must look at. */
  readonly detail?: Key;
}

/** A read's state as a person reads it: waiting (and why), read, or left for them (and why). */
export function readStatus(read: DocumentRead): ReadStatus {
  switch (read.state) {
    case 'queued': {
      const reason = read.reason ?? '';
      const detail: Key | undefined = /not configured/i.test(reason)
        ? 'read.wait.not-configured'
        : /unavailable|retrying/i.test(reason)
          ? 'read.wait.unavailable'
          : undefined;
      return read.attempts > 0
        ? { label: 'read.state.retrying', values: { attempts: read.attempts }, colour: 'processing', detail }
        : { label: 'read.state.queued', colour: 'default', detail };
    }
    case 'read':
      return { label: 'read.state.read', colour: 'success', detail: outcomeKey(read.outcome) };
    case 'needs-person':
      return { label: 'read.state.needs-person', colour: 'warning', detail: outcomeKey(read.outcome) };
    case 'confirmed':
      return { label: 'read.state.confirmed', colour: 'success' };
  }
}

const OUTCOMES = new Set([
  'stage-recorded',
  'no-code',
  'no-vin',
  'vin-suggested',
  'vin-mismatch',
  'no-stage',
  'not-a-photo',
  'not-a-licence',
  'licence-read',
]);
const outcomeKey = (outcome: string | null): Key | undefined =>
  outcome && OUTCOMES.has(outcome) ? (`outcome.${outcome}` as Key) : undefined;

export const LICENCE_FIELDS = ['vin', 'registrationDate', 'vehicleType', 'plate', 'engineNo'] as const;
export type LicenceField = (typeof LICENCE_FIELDS)[number];

export interface LicenceFieldRow {
  readonly field: LicenceField;
  /** Absent: the reader could not read it. */
  readonly value?: string;
  readonly confidence?: number;
  /** Unread or under `LOW_CONFIDENCE`: a person looks twice. */
  readonly low: boolean;
}

/** A 行驶证 read as one row per field, each with its confidence; `[]` for anything else. */
export function licenceFieldRows(read: DocumentRead): LicenceFieldRow[] {
  const result = read.result;
  if (!result || result.kind !== 'driving-licence' || !result.found) return [];
  return LICENCE_FIELDS.map((field) => {
    const read = result.fields[field];
    return read
      ? { field, value: read.value, confidence: read.confidence, low: read.confidence < LOW_CONFIDENCE }
      : { field, low: true };
  });
}

export type VinMatch = 'matched' | 'mismatch' | 'vehicle-none' | 'unknown';

export interface InventoryListFacts {
  readonly disclosureNumber?: string;
  readonly vin?: string;
  readonly vinMatch: VinMatch;
  /** The stage evidence the read produced (linked by `documentReadId`), if any. */
  readonly evidence?: VehicleView['evidence'][number];
}

const normalVin = (vin: string) => vin.trim().toUpperCase();

/** What a 随车清单's code said, set against the vehicle as it is now; `undefined` when no code was read. */
export function inventoryListFacts(
  read: DocumentRead,
  vehicle: VehicleView | undefined,
): InventoryListFacts | undefined {
  const result = read.result;
  if (!result || result.kind !== 'inventory-list' || !result.found) return undefined;
  const vehicleVin = vehicle?.vehicle.vin;
  const vinMatch: VinMatch = !result.vin
    ? 'unknown'
    : !vehicleVin
      ? 'vehicle-none'
      : normalVin(result.vin) === normalVin(vehicleVin)
        ? 'matched'
        : 'mismatch';
  return {
    disclosureNumber: result.disclosureNumber,
    vin: result.vin,
    vinMatch,
    evidence: vehicle?.evidence.find((piece) => piece.documentReadId === read.id),
  };
}

/** The confirm/correct form's fields, all optional: what is left empty keeps what was read. */
export interface ConfirmValues {
  readonly vin?: string;
  readonly registrationDate?: string;
  readonly category?: VehicleCategory;
  readonly fuel?: Fuel;
  readonly note?: string;
}

/** The form prefilled with what was read (a 行驶证's VIN and date, a 随车清单's VIN). */
export function confirmDefaults(read: DocumentRead): ConfirmValues {
  const result = read.result;
  if (result?.kind === 'driving-licence')
    return { vin: result.fields.vin?.value, registrationDate: result.fields.registrationDate?.value };
  if (result?.kind === 'inventory-list' && result.found) return { vin: result.vin };
  return {};
}

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export type ConfirmCheck =
  | { readonly ok: true; readonly body: Confirmation }
  | { readonly ok: false; readonly errors: Partial<Record<'vin' | 'registrationDate', Key>> };

/** The body the service takes, checked as it checks it (a VIN, a date); empty fields are left out. */
export function confirmationBody(values: ConfirmValues): ConfirmCheck {
  const vin = values.vin?.trim().toUpperCase() || undefined;
  const registrationDate = values.registrationDate?.trim() || undefined;
  const note = values.note?.trim() || undefined;
  const errors: Partial<Record<'vin' | 'registrationDate', Key>> = {};
  if (vin && !VIN.test(vin)) errors.vin = 'confirm.badVin';
  if (registrationDate && !DATE.test(registrationDate)) errors.registrationDate = 'confirm.badDate';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      ...(vin ? { vin } : {}),
      ...(registrationDate ? { registrationDate } : {}),
      ...(values.category ? { category: values.category } : {}),
      ...(values.fuel ? { fuel: values.fuel } : {}),
      ...(note ? { note } : {}),
    },
  };
}
