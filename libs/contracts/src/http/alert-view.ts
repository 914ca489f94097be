import { ALERT_LEVELS, EMISSION_STAGES, LANE_REASONS, POLICY_REASONS } from '@ecogate/domain';
import { z } from 'zod';
import { TAMPER_KINDS } from '../topics/camera';

// The city's view during a heavy-pollution alert (issue #23) on the wire: the ledger's snapshot
// (`GET /api/v1/alert-view`) and the gateway's stream of it (`GET /api/live/v1/alert-view`, `event:
// snapshot`), so the console reads one shape from both.

const instant = z.iso.datetime({ offset: true });
const districtCode = z.string().regex(/^\d{6}$/, 'a 6-digit administrative division code');

/** `?districtCode=`: one district of the caller's scope, or all of them. */
export const alertViewQuerySchema = z.strictObject({ districtCode: districtCode.optional() });
export type AlertViewQuery = z.infer<typeof alertViewQuerySchema>;

/**
 * Why a vehicle is in the view. `refused`: barrier control did not let it in. The others entered
 * although the plan did not admit it on its own: `manual-release` (a person opened the barrier),
 * `exemption` (an exemption of the plan), `record-only-lane` / `always-open-lane` (a lane without a
 * working barrier let a vehicle below the minimum or unconfirmed through), `unknown-stage` (such a
 * lane let through a vehicle whose stage nobody knew).
 */
export const ALERT_VIEW_ITEM_KINDS = [
  'refused',
  'manual-release',
  'exemption',
  'record-only-lane',
  'always-open-lane',
  'unknown-stage',
] as const;
export type AlertViewItemKind = (typeof ALERT_VIEW_ITEM_KINDS)[number];

/** The kinds counted as "below the alert's minimum, still entered". */
export const BELOW_MINIMUM_KINDS = [
  'manual-release',
  'exemption',
  'record-only-lane',
  'always-open-lane',
] as const satisfies readonly AlertViewItemKind[];

export const alertViewCountsSchema = z.object({
  /** Entry attempts barrier control refused (deny or needs-review at a barrier lane). */
  refused: z.number().int().nonnegative(),
  /** Entries of `BELOW_MINIMUM_KINDS`. */
  belowMinimumEntered: z.number().int().nonnegative(),
  /** Entries with an unknown stage let through (`unknown-stage`). */
  unknownStageAdmitted: z.number().int().nonnegative(),
  /** Cameras whose latest status (`camera.status.changed.v1`) is offline: now, not since the alert. */
  camerasOffline: z.number().int().nonnegative(),
  /** Cameras whose latest status is tampered (moved, covered, blurred, dark or frozen): now. */
  camerasTampered: z.number().int().nonnegative(),
});
export type AlertViewCounts = z.infer<typeof alertViewCountsSchema>;

export const alertViewItemSchema = z.object({
  /** The passage's id, or the refused attempt's. */
  id: z.string(),
  kind: z.enum(ALERT_VIEW_ITEM_KINDS),
  plate: z.string(),
  /** As recorded (`unknown` when the camera did not say; null on refusals recorded before colours were kept). */
  plateColour: z.string().nullable(),
  at: instant,
  gateId: z.string().nullable(),
  laneId: z.string().nullable(),
  /** Barrier control's reasons (`gate.barrier.decided.v1`), as recorded. */
  reasons: z.array(
    z.enum([...LANE_REASONS, ...POLICY_REASONS, 'read-needs-review', 'readers-disagree', 'manual']),
  ),
  stage: z.enum(EMISSION_STAGES).nullable(),
});
export type AlertViewItem = z.infer<typeof alertViewItemSchema>;

/** A camera of the enterprise offline now, since its last status change. */
export const alertViewCameraSchema = z.object({
  cameraId: z.string(),
  since: instant,
  reason: z.string(),
});
export type AlertViewCamera = z.infer<typeof alertViewCameraSchema>;

/**
 * A camera of the enterprise tampered with now, since when and how: the view check's kind, or null
 * when the camera's own tamper alarm said so (it names no kind).
 */
export const alertViewTamperedCameraSchema = alertViewCameraSchema.extend({
  kind: z.enum(TAMPER_KINDS).nullable(),
});
export type AlertViewTamperedCamera = z.infer<typeof alertViewTamperedCameraSchema>;

export const alertViewEnterpriseSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  level: z.enum(ALERT_LEVELS),
  /** When the alert began: the first orange or red level since the last milder one. */
  since: instant,
  counts: alertViewCountsSchema,
  /** The latest items of the period, newest first (at most `itemLimit`). */
  items: z.array(alertViewItemSchema),
  /** Its cameras offline now, longest first. */
  offlineCameras: z.array(alertViewCameraSchema),
  /** Its cameras tampered with now, longest first. */
  tamperedCameras: z.array(alertViewTamperedCameraSchema),
});
export type AlertViewEnterprise = z.infer<typeof alertViewEnterpriseSchema>;

export const alertViewSchema = z.object({
  /** When the ledger answered. */
  at: instant,
  districtCode: districtCode.nullable(),
  itemLimit: z.number().int().positive(),
  total: alertViewCountsSchema.extend({ enterprises: z.number().int().nonnegative() }),
  /** Districts with an enterprise under alert, in code order; their enterprises in id order. */
  districts: z.array(
    z.object({
      districtCode: z.string(),
      counts: alertViewCountsSchema,
      enterprises: z.array(alertViewEnterpriseSchema),
    }),
  ),
});
export type AlertView = z.infer<typeof alertViewSchema>;
