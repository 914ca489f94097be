import { z } from 'zod';
import { idSchema, instantSchema, objectRefSchema } from '../common';

const clipIdentity = {
  /** Stable per passage direction × camera: a redelivered passage maps to the same clip. */
  clipId: z.uuid(),
  enterpriseId: idSchema,
  siteId: idSchema,
  passageId: idSchema,
  direction: z.enum(['in', 'out']),
  cameraId: idSchema,
  /** The passage's `capturedAt`; the clip was requested around it. */
  capturedAt: instantSchema,
  requested: z.object({ from: instantSchema, to: instantSchema }),
  createdAt: instantSchema,
};

/**
 * A passage's video clip was cut from the archived segments and stored (`archived`), or the
 * video for the window was not there after the bounded wait (`missing`, with the reason). With
 * `stream-copy` the start snaps back to the key frame at or before the requested start, so
 * `actual.from` ≤ `requested.from`; `actual.to` is the requested end to within one frame, or the
 * end of the recorded video when that came earlier.
 */
export const videoClipArchivedV1 = z.discriminatedUnion('status', [
  z.object({
    ...clipIdentity,
    status: z.literal('archived'),
    cut: z.enum(['stream-copy']),
    actual: z.object({ from: instantSchema, to: instantSchema }),
    clip: objectRefSchema,
  }),
  z.object({
    ...clipIdentity,
    status: z.literal('missing'),
    reason: z.string().min(1).max(500),
  }),
]);
export type VideoClipArchivedV1 = z.infer<typeof videoClipArchivedV1>;
