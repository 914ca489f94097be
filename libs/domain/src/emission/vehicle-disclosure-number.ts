import { err, type Result } from '../shared/result';
import { type EmissionStage } from './emission-stage';
import { fromStageExportCode, type StageCodeError } from './stage-export-code';

/**
 * The stage carried by a road vehicle's information-disclosure number (信息公开编号, printed on
 * and encoded in the 随车清单's QR code). ASSUMPTION (docs/domain-model.md "Disclosure numbers"):
 * like an NRMM number, characters 5–6 are `G` + the stage digit (`CNZXG6…` = 国六); the rest
 * (issuer, maker, serial) is not read. Unlike NRMM numbers the length is not fixed by a source we
 * hold, so only a plausible range of letters and digits is checked. `G6` gives `VI`: the number
 * does not say 6a or 6b. Anything else is refused rather than guessed.
 */
export function stageFromVehicleDisclosureNumber(
  disclosureNumber: string,
): Result<EmissionStage, StageCodeError> {
  const text = disclosureNumber.trim().toUpperCase();
  const digit = /^G([1-6])$/.exec(text.slice(4, 6))?.[1];
  if (!VEHICLE_DISCLOSURE_NUMBER.test(text) || digit === undefined) {
    return err({
      code: 'bad-disclosure-number',
      reason: `expected ${MIN_LENGTH}–${MAX_LENGTH} letters and digits with G1–G6 at positions 5–6, got "${disclosureNumber}"`,
    });
  }
  return fromStageExportCode(digit);
}

const MIN_LENGTH = 8;
const MAX_LENGTH = 40;
const VEHICLE_DISCLOSURE_NUMBER = new RegExp(`^[A-Z0-9]{${MIN_LENGTH},${MAX_LENGTH}}$`);
