import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '1-64 of letters, digits, _ -');

export const vzenithReplyParamsSchema = z.object({ enterpriseId: id, laneId: id });

export const vzenithReplyQuerySchema = z.strictObject({
  /** `captureId` of the plate read camera-ingest just published for this push. */
  captureId: z.string().min(1).max(128),
});

/** `open`: the push reply must say ok. `outcome` tells why not: decided closed, or not decided in time. */
export const vzenithReplyAnswerSchema = z.object({
  captureId: z.string(),
  open: z.boolean(),
  outcome: z.enum(['open', 'closed', 'undecided']),
});

export type VzenithReplyAnswer = z.infer<typeof vzenithReplyAnswerSchema>;
