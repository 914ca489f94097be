import { SETTLED_BY } from '@ecogate/domain';
import { z } from 'zod';
import { idSchema, instantSchema, laneRefSchema, objectRefSchema } from '../common';

/**
 * A plate read, by the camera itself or by our server-side recogniser. Only a `trusted` read may
 * open a barrier; anything doubtful (bad format, tiny plate, low confidence, disagreement) is
 * `needs-review`.
 */
export const anprPlateReadV1 = z.object({
  readId: idSchema,
  captureId: idSchema,
  cameraId: idSchema,
  lane: laneRefSchema,
  capturedAt: instantSchema,
  source: z.enum(['camera', 'server']),
  plate: z.object({
    text: z.string().min(1).max(16),
    colour: z.string().max(32),
    /** The vendor's own colour token, kept for audit. */
    rawColour: z.string().max(64).optional(),
    confidence: z.number().min(0).max(1),
    /**
     * Server reads: the recogniser's own text, when what the site knows decided its one doubtful
     * character (`settledBy`); `text` is then the settled plate. Optional and additive.
     */
    rawText: z.string().min(1).max(16).optional(),
    /**
     * What settled the one doubtful character: the one known plate it matched as read
     * (`known-plate`), the one it was corrected to (`registry-corrected`, `rawText` differs), or the
     * site's province (`province-prior`). Absent: nothing settled it.
     */
    settledBy: z.enum(SETTLED_BY).optional(),
  }),
  verdict: z.enum(['trusted', 'needs-review']),
  reviewReasons: z.array(z.string().max(64)).max(16).default([]),
  images: z.object({ scene: objectRefSchema.optional(), plate: objectRefSchema.optional() }),
  /** Vendor adapter and the raw payload's object key, for audits. */
  origin: z
    .object({
      vendor: z.string().max(32),
      rawPayload: objectRefSchema.optional(),
      /**
       * Optional vendor values that were out of range or shape (another confidence scale, an
       * unknown flag): what was sent, and what was done with it instead of refusing the read.
       */
      anomalies: z
        .array(z.object({ field: z.string().max(64), raw: z.string().max(64), rule: z.string().max(32) }))
        .max(16)
        .optional(),
    })
    .optional(),
});
