import { expectedColours, parsePlate, type PlateColour } from '@ecogate/domain';
import { LedgerException } from '../errors/ledger.exception';

/** A plate a person typed, in the domain's canonical spelling, with the colour it carries. */
export interface PersonPlate {
  readonly text: string;
  readonly colour: PlateColour;
}

/**
 * Validates a plate a person entered (a review's correction, a manual passage) with the domain's
 * `parsePlate`: not a plate, or a colour the plate's kind cannot have → 400 `invalid-plate` with
 * the domain's reason and code. Confusable characters are repaired by position (京A1234O →
 * 京A12340), as for a camera's read; the canonical text is what is stored.
 */
export function parsePersonPlate(raw: string, colour?: PlateColour): PersonPlate {
  const hint = colour !== undefined && colour !== 'unknown' ? { colour } : undefined;
  const parsed = parsePlate(raw, hint);
  if (!parsed.ok) {
    throw new LedgerException('invalid-plate', `plate: ${parsed.error.reason} (${parsed.error.code})`);
  }
  const plate = parsed.value;
  if (plate.warnings.includes('colour-mismatch')) {
    throw new LedgerException(
      'invalid-plate',
      `plate: ${plate.text} is a ${plate.kind} plate, which is ${expectedColours(plate.kind).join(' or ')}, not ${plate.colour} (colour-mismatch)`,
    );
  }
  return { text: plate.text, colour: plate.colour };
}
