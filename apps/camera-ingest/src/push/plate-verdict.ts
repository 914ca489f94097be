import { parsePlate, type PlateColour } from '@ecogate/domain';
import { type AnprPush } from './anpr-push.adapter';

export interface PlateVerdict {
  readonly text: string;
  readonly colour: PlateColour;
  readonly verdict: 'trusted' | 'needs-review';
  readonly reviewReasons: string[];
}

/**
 * Only a clean read is `trusted`: one that fails `parsePlate`, needed a repair, contradicts its
 * colour or carries a colour token we do not know goes to review.
 */
export function plateVerdict(push: AnprPush): PlateVerdict {
  const hint = push.colour.colour === 'unknown' ? undefined : push.colour.colour;
  const parsed = parsePlate(push.plateText, hint === undefined ? undefined : { colour: hint });
  const reasons: string[] = [];
  if (!push.colour.recognised) reasons.push('unknown-colour-token');
  if (!parsed.ok) {
    reasons.push(`plate-${parsed.error.code}`);
    return {
      text: Array.from(push.plateText.trim()).slice(0, 16).join('') || '?',
      colour: push.colour.colour,
      verdict: 'needs-review',
      reviewReasons: reasons,
    };
  }
  if (parsed.value.repairs.length > 0) reasons.push('plate-repaired');
  reasons.push(...parsed.value.warnings);
  return {
    text: parsed.value.text,
    colour: parsed.value.colour,
    verdict: reasons.length === 0 ? 'trusted' : 'needs-review',
    reviewReasons: reasons,
  };
}
