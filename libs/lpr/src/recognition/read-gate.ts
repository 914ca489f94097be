import { type Plate, type PlateError, type Result } from '@ecogate/domain';
import { type PlateCandidate } from './plate-candidate';
import { type ReadVerdict, type ReviewReason } from './recognition-result';

/** Thresholds calibrated on the sample set (see docs/plate-recognition.md, "Calibration"). */
export interface GateOptions {
  /** Narrower plates go to review: below ~50 px the recogniser produces confident fiction. */
  readonly minPlateWidthPx: number;
  /** Every character's consensus confidence must reach this. */
  readonly minCharConfidence: number;
  /** The colour is given to `parsePlate` as a hint (blue → small, yellow → large) only above this. */
  readonly minColourConfidence: number;
}

export interface GateDecision {
  readonly verdict: ReadVerdict;
  readonly reasons: ReviewReason[];
}

/**
 * Precision over recall: a read is trusted only when nothing about it is doubtful. Each doubt is
 * named, so a reviewer (and the statistics) can see why a read was held back.
 */
export function gateRead(
  candidate: PlateCandidate,
  validation: Result<Plate, PlateError>,
  options: GateOptions,
  /** A character the site's known plates decided (`settleWithKnownPlates`): its confidence no longer counts. */
  settledPosition?: number,
): GateDecision {
  const reasons: ReviewReason[] = [];
  if (!validation.ok) reasons.push('invalid-format');
  else {
    if (validation.value.repairs.length > 0) reasons.push('repaired');
    if (validation.value.warnings.includes('colour-mismatch')) reasons.push('colour-mismatch');
  }
  if (candidate.widthPx < options.minPlateWidthPx) reasons.push('too-small');
  const weakest = Math.min(...candidate.characters.map((c, i) => (i === settledPosition ? 1 : c.confidence)));
  if (!(weakest >= options.minCharConfidence)) reasons.push('low-confidence');
  if (candidate.masked) reasons.push('alphabet-masked');
  if (candidate.secondOpinion && candidate.secondOpinion.text !== candidate.text)
    reasons.push('recognisers-disagree');
  return { verdict: reasons.length === 0 ? 'trusted' : 'needs-review', reasons };
}
