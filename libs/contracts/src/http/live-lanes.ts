import { z } from 'zod';
import { cameraStatusChangedV1 } from '../topics/camera';
import { gateBarrierCommandedV1, gateBarrierDecidedV1 } from '../topics/gate';

// The gateway's live lanes stream (`GET /api/live/v1/enterprises/{enterpriseId}/lanes`, Server-Sent
// Events) on the wire: what the console's live view reads. Each message is `id: <eventId>`,
// `event: <name>` and `data: <JSON>` of the schema below, picked from the topic's own payload schema
// so the stream cannot drift from the events it relays. Image references stay out (a browser cannot
// read the object store; the ledger answers links to them).

/** `event: decision`: barrier control decided on a vehicle at a lane (`gate.barrier.decided.v1`). */
export const liveDecisionEventSchema = gateBarrierDecidedV1.pick({
  decisionId: true,
  lane: true,
  laneMode: true,
  capturedAt: true,
  decidedAt: true,
  plate: true,
  alertLevel: true,
  verdict: true,
  reasons: true,
  stage: true,
  message: true,
  operator: true,
});

/** `event: barrier`: a command sent to a barrier and its outcome (`gate.barrier.commanded.v1`). */
export const liveBarrierEventSchema = gateBarrierCommandedV1.pick({
  commandId: true,
  decisionId: true,
  lane: true,
  action: true,
  trigger: true,
  operator: true,
  outcome: true,
  error: true,
  at: true,
});

/** `event: camera`: a camera of the enterprise went offline, came back or was tampered with (`camera.status.changed.v1`). */
export const liveCameraEventSchema = cameraStatusChangedV1.pick({
  cameraId: true,
  status: true,
  reason: true,
  at: true,
  clockDriftMs: true,
  tamper: true,
});

/** Every event name of the stream and the schema of its `data`. */
export const LIVE_LANE_EVENTS = {
  decision: liveDecisionEventSchema,
  barrier: liveBarrierEventSchema,
  camera: liveCameraEventSchema,
} as const;

export type LiveLaneEventName = keyof typeof LIVE_LANE_EVENTS;
export type LiveDecisionEvent = z.infer<typeof liveDecisionEventSchema>;
export type LiveBarrierEvent = z.infer<typeof liveBarrierEventSchema>;
export type LiveCameraEvent = z.infer<typeof liveCameraEventSchema>;

/** One message of the stream: its SSE `id` (the event's id), `event` name and parsed `data`. */
export const liveLaneMessageSchema = z.discriminatedUnion('event', [
  z.object({ id: z.uuid(), event: z.literal('decision'), data: liveDecisionEventSchema }),
  z.object({ id: z.uuid(), event: z.literal('barrier'), data: liveBarrierEventSchema }),
  z.object({ id: z.uuid(), event: z.literal('camera'), data: liveCameraEventSchema }),
]);
export type LiveLaneMessage = z.infer<typeof liveLaneMessageSchema>;
