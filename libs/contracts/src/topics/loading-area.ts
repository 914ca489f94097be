import { z } from 'zod';
import { idSchema, instantSchema, objectRefSchema } from '../common';

/**
 * Where a loading-area camera stands: the enterprise and site, never a lane. A loading area has no
 * direction and no barrier, so nothing it sees can be taken for a lane read (no `laneRefSchema`).
 */
export const loadingAreaRefSchema = z.object({
  enterpriseId: idSchema,
  siteId: idSchema,
});
export type LoadingAreaRef = z.infer<typeof loadingAreaRefSchema>;

/**
 * A loading-area camera's frame is in object storage: taken on its schedule (the periodic ONVIF
 * snapshot) or on its own motion trigger. A topic of its own, apart from `camera.snapshot.captured.v1`,
 * so server-side recognition publishes what it reads here as sightings, never as lane reads.
 */
export const loadingAreaSnapshotCapturedV1 = z.object({
  captureId: idSchema,
  cameraId: idSchema,
  area: loadingAreaRefSchema,
  capturedAt: instantSchema,
  trigger: z.enum(['schedule', 'motion']),
  image: objectRefSchema,
});

/** A plate's box in its frame, in image pixels. */
export const imageBoxSchema = z.object({
  x: z.number().nonnegative(),
  y: z.number().nonnegative(),
  width: z.number().positive(),
  height: z.number().positive(),
});

/** A plate seen by a loading-area camera (one event per plate on a frame): the sighting the ledger keeps. */
export const loadingAreaVehicleSeenV1 = z.object({
  sightingId: idSchema,
  captureId: idSchema,
  cameraId: idSchema,
  area: loadingAreaRefSchema,
  at: instantSchema,
  plate: z.object({
    text: z.string().min(1).max(16),
    colour: z.string().max(32),
    confidence: z.number().min(0).max(1),
  }),
  /** `trusted` only for a clean read; anomalies are raised on trusted sightings alone. */
  verdict: z.enum(['trusted', 'needs-review']),
  frame: objectRefSchema,
  crop: objectRefSchema,
  cropBox: imageBoxSchema,
});

export const LOADING_AREA_ANOMALY_KINDS = [
  'seen-without-entry',
  'entry-without-exit',
  'exit-without-entry',
  'refused-seen-inside',
  'below-minimum-stage-during-alert',
] as const;
export type LoadingAreaAnomalyKind = (typeof LOADING_AREA_ANOMALY_KINDS)[number];

/**
 * An anti-evasion anomaly (docs/loading-areas.md): what happened, to which plate, and its evidence:
 * the sighting's frame and crop, and the ledger rows that match (or the day searched for them).
 */
export const loadingAreaAnomalyDetectedV1 = z.object({
  anomalyId: idSchema,
  enterpriseId: idSchema,
  kind: z.enum(LOADING_AREA_ANOMALY_KINDS),
  plate: z.string().min(1).max(16),
  at: instantSchema,
  reason: z.string().max(500),
  evidence: z.object({
    sightingId: idSchema.optional(),
    cameraId: idSchema.optional(),
    frame: objectRefSchema.optional(),
    crop: objectRefSchema.optional(),
    passageIds: z.array(z.string().max(64)).max(16),
    refusalIds: z.array(z.string().max(64)).max(16),
    /** The Beijing day the ledger was searched, for the rules about a missing row. */
    searchedDay: z.iso.date().optional(),
  }),
});
