import { type DrivingLicenceRead, type InventoryListRead } from '@ecogate/contracts';
import { EMISSION_STAGE_LABELS, type EmissionStage, stageFromVehicleDisclosureNumber } from '@ecogate/domain';

/** Why a read is left for a person (the read's `outcome`). */
export type NeedsPersonOutcome =
  | 'no-code'
  | 'no-vin'
  | 'vin-suggested'
  | 'vin-mismatch'
  | 'no-stage'
  | 'not-a-photo'
  | 'not-a-licence'
  | 'licence-read';

/** What a reader's answer becomes: stage evidence of source `document`, or a person's task. */
export type ReadOutcome =
  | {
      readonly state: 'read';
      readonly outcome: 'stage-recorded';
      readonly stage: EmissionStage;
      readonly reason: string;
    }
  | { readonly state: 'needs-person'; readonly outcome: NeedsPersonOutcome; readonly reason: string };

const person = (outcome: NeedsPersonOutcome, reason: string): ReadOutcome => ({
  state: 'needs-person',
  outcome,
  reason,
});

/** The readers take photos; a scanned PDF is never sent, and says so. */
export const PDF_OUTCOME: ReadOutcome = person(
  'not-a-photo',
  'read photos only: this document is a PDF scan, so a person reads it',
);

const normalVin = (vin: string): string => vin.trim().toUpperCase();

/**
 * A 随车清单's code against the vehicle: the list is proof of the stage only for the vehicle
 * whose VIN it carries, so a VIN that is missing on either side or differs is a person's call,
 * never a guess (a vehicle without a VIN gets the list's as a suggestion, not set silently).
 */
export function inventoryListOutcome(read: InventoryListRead, vehicleVin: string | null): ReadOutcome {
  if (!read.found) return person('no-code', `no readable 随车清单 code (${read.reason}): ${read.message}`);
  if (!read.vin)
    return person('no-vin', 'the 随车清单 code carries no VIN, so it cannot be tied to this vehicle');
  const vin = normalVin(read.vin);
  if (!vehicleVin) {
    return person(
      'vin-suggested',
      `the vehicle has no VIN on record; the 随车清单 says ${vin}: a person confirms it before the list counts`,
    );
  }
  if (vin !== normalVin(vehicleVin)) {
    return person(
      'vin-mismatch',
      `the 随车清单 is for VIN ${vin}, the vehicle's VIN is ${normalVin(vehicleVin)}`,
    );
  }
  if (!read.disclosureNumber)
    return person('no-stage', 'the 随车清单 code carries no disclosure number (信息公开编号)');
  const stage = stageFromVehicleDisclosureNumber(read.disclosureNumber);
  if (!stage.ok) return person('no-stage', `the disclosure number gives no stage: ${stage.error.reason}`);
  return {
    state: 'read',
    outcome: 'stage-recorded',
    stage: stage.value,
    reason: `${EMISSION_STAGE_LABELS[stage.value].zh} from disclosure number ${read.disclosureNumber.trim().toUpperCase()}`,
  };
}

/** A 行驶证's fields are always a person's to confirm (OCR can misread); the reason says what to look at. */
export function drivingLicenceOutcome(read: DrivingLicenceRead, vehicleVin: string | null): ReadOutcome {
  if (!read.found)
    return person('not-a-licence', 'the photo does not look like a 行驶证 (no title or field labels read)');
  const notes = [
    read.unreadable.length > 0 ? `unreadable: ${read.unreadable.join(', ')}` : undefined,
    read.fields.vin && vehicleVin && normalVin(read.fields.vin.value) !== normalVin(vehicleVin)
      ? `its VIN ${normalVin(read.fields.vin.value)} is not the vehicle's ${normalVin(vehicleVin)}`
      : undefined,
  ].filter((note) => note !== undefined);
  return person('licence-read', ['fields read for a person to confirm', ...notes].join('; '));
}
