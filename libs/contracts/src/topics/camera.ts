import { z } from 'zod';
import { idSchema, instantSchema, laneRefSchema, objectRefSchema } from '../common';

/** A camera produced a snapshot (ONVIF trigger, ground loop or ANPR push); the image is in object storage. */
export const cameraSnapshotCapturedV1 = z.object({
  captureId: idSchema,
  cameraId: idSchema,
  lane: laneRefSchema,
  capturedAt: instantSchema,
  trigger: z.enum(['motion', 'ground-loop', 'anpr-push', 'manual', 'schedule']),
  image: objectRefSchema,
});

/** A camera went offline (after the debounce), came back, or reported tampering. */
export const cameraStatusChangedV1 = z.object({
  cameraId: idSchema,
  enterpriseId: idSchema,
  status: z.enum(['online', 'offline', 'recovered', 'tampered']),
  reason: z.string().max(500),
  at: instantSchema,
  /** Camera clock minus ours, in milliseconds, when it was measured. */
  clockDriftMs: z.number().int().optional(),
});
