import { z } from 'zod';
import { idSchema } from '../common';

/** The most plates one answer carries: the registry first, then the plates seen most recently. */
export const KNOWN_PLATES_LIMIT = 5_000;

/**
 * `GET /api/v1/enterprises/{enterpriseId}/known-plates?siteId=` (ledger → plate-recognition): the
 * plates a site already knows, to settle a read's one doubtful character (docs/plate-recognition.md,
 * "Known plates"). `truncated`: there were more than `KNOWN_PLATES_LIMIT`.
 */
export const knownPlatesSchema = z.object({
  enterpriseId: idSchema,
  siteId: idSchema,
  /** How far back `recent` looks (`LEDGER_KNOWN_PLATES_DAYS`). */
  windowDays: z.number().int().positive(),
  /** Every plate once, registry first (`registered` of them), then the site's recent trusted passages. */
  plates: z.array(z.string().min(1).max(16)).max(KNOWN_PLATES_LIMIT),
  registered: z.number().int().min(0),
  recent: z.number().int().min(0),
  truncated: z.boolean(),
});
export type KnownPlatesAnswer = z.infer<typeof knownPlatesSchema>;
