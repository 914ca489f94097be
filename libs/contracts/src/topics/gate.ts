import {
  ALERT_LEVELS,
  SETTLED_BY,
  EMISSION_STAGES,
  EVIDENCE_SOURCES,
  LANE_MODES,
  LANE_REASONS,
  POLICY_REASONS,
} from '@ecogate/domain';
import { z } from 'zod';
import { idSchema, instantSchema, laneRefSchema, objectRefSchema } from '../common';

const verdictSchema = z.enum(['allow', 'deny', 'needs-review']);

/** One plate read behind a decision, as the fusion saw it (`fuseReads` of libs/domain). */
const decisionReadSchema = z.object({
  text: z.string().min(1).max(16),
  colour: z.string().max(32).optional(),
  confidence: z.number().min(0).max(1).optional(),
  verdict: z.enum(['trusted', 'needs-review']),
  /** The recogniser's own text when the site's known plates settled the read (`anpr.plate.read.v1`). */
  rawText: z.string().min(1).max(16).optional(),
  settledBy: z.enum(SETTLED_BY).optional(),
});

/**
 * Who acted by hand: the subject of the caller's verified token (a user id, `key:<id>`, a service
 * name), as libs/auth's claims allow it, and a mandatory reason.
 */
const operatorSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/, 'must be 1-128 of letters, digits, _ . : @ -'),
  reason: z.string().min(1).max(200),
});

/**
 * Barrier control decided on a vehicle at a lane: the admission verdict with its reasons and the
 * sentence the lane's display shows. Published for every lane mode (record-only lanes too), so the
 * ledger records every passage from these events. Keyed per lane.
 */
export const gateBarrierDecidedV1 = z.object({
  decisionId: idSchema,
  /** The plate read this decision answers; a fused pair names the read that decided. */
  readId: idSchema,
  captureId: idSchema,
  lane: laneRefSchema,
  laneMode: z.enum(LANE_MODES),
  capturedAt: instantSchema,
  decidedAt: instantSchema,
  plate: z.object({ text: z.string().min(1).max(16), colour: z.string().max(32) }),
  alertLevel: z.enum(ALERT_LEVELS),
  verdict: verdictSchema,
  reasons: z
    .array(z.enum([...LANE_REASONS, ...POLICY_REASONS, 'read-needs-review', 'readers-disagree', 'manual']))
    .max(8),
  stage: z.object({ stage: z.enum(EMISSION_STAGES), source: z.enum(EVIDENCE_SOURCES) }).optional(),
  message: z.object({ zh: z.string().max(200), en: z.string().max(300) }),
  images: z.object({ scene: objectRefSchema.optional(), plate: objectRefSchema.optional() }),
  /**
   * The reads fused into this decision, with their confidence: the camera's own and the server's
   * (both when they disagreed). Optional and additive: the ledger keeps them for a person's review.
   */
  reads: z
    .object({ camera: decisionReadSchema.optional(), server: decisionReadSchema.optional() })
    .optional(),
  /** Set when an operator released or refused the vehicle by hand. */
  operator: operatorSchema.optional(),
});

/** A command sent to a barrier (and its outcome), audited whether automatic or manual. Keyed per lane. */
export const gateBarrierCommandedV1 = z.object({
  commandId: idSchema,
  decisionId: idSchema.optional(),
  lane: laneRefSchema,
  action: z.enum(['open', 'close', 'always-open']),
  driver: z.enum(['onvif-relay', 'hikvision-isapi', 'dahua-strobe', 'vzenith-reply']),
  trigger: z.enum(['decision', 'manual']),
  operator: operatorSchema.optional(),
  outcome: z.enum(['done', 'failed']),
  error: z.string().max(500).optional(),
  at: instantSchema,
});

/**
 * Tailgating, cutting in, reversing, a U-turn or a barrier opened with no decision, in a lane's
 * capture zone (rules: docs/barrier-control.md). Keyed per lane; kinds are only ever added.
 */
export const gateViolationDetectedV1 = z.object({
  violationId: idSchema,
  lane: laneRefSchema,
  kind: z.enum(['tailgating', 'cutting-in', 'reversing', 'u-turn', 'opened-without-decision']),
  plate: z.string().max(16).optional(),
  at: instantSchema,
  details: z.string().max(500),
});
