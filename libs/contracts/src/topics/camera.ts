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

export const TAMPER_KINDS = ['shifted', 'covered', 'blurred', 'too-dark', 'frozen'] as const;

/**
 * The evidence of a view check (camera-ingest compares snapshots with the camera's reference view):
 * what changed and the before/after pair, both images in object storage (camera-ingest's bucket).
 */
export const cameraTamperEvidenceSchema = z.object({
  /** On `tampered` what was found; on `recovered` the kind that cleared. */
  kind: z.enum(TAMPER_KINDS),
  /** The reference view taken at commissioning (before). */
  referenceKey: z.string().min(1).max(1024),
  /** The frame that decided the change (after). */
  currentKey: z.string().min(1).max(1024),
  /** The comparison's scores (e.g. edgeOverlap, sharpness, brightness, coveredShare). */
  scores: z.record(z.string().max(64), z.number()).optional(),
});

export type CameraTamperEvidence = z.infer<typeof cameraTamperEvidenceSchema>;

/** A camera went offline (after the debounce), came back, or reported tampering. */
export const cameraStatusChangedV1 = z.object({
  cameraId: idSchema,
  enterpriseId: idSchema,
  status: z.enum(['online', 'offline', 'recovered', 'tampered']),
  reason: z.string().max(500),
  at: instantSchema,
  /** Camera clock minus ours, in milliseconds, when it was measured. */
  clockDriftMs: z.number().int().optional(),
  /** Only from the view check (reasons `view-changed` / `view-restored`); a camera's own tamper alarm has none. */
  tamper: cameraTamperEvidenceSchema.optional(),
});
