import { z } from 'zod';
import { enterpriseCodeSchema } from './enterprise-code';
import { serialSchema } from './record.schema';

// Responses are parsed loosely (extra fields allowed) so a platform may add fields without
// breaking clients; requests are strict.

export const ACK_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type AckStatus = (typeof ACK_STATUSES)[number];

export const recordAckSchema = z.object({
  serial: serialSchema,
  status: z.enum(ACK_STATUSES),
  /** Why a record was rejected: `path: message; …`. */
  reason: z.string().optional(),
});
export type RecordAck = z.infer<typeof recordAckSchema>;

/** 200 answer to `POST /api/v1/records`: one ack per record, in request order. */
export const recordsAckSchema = z.object({ code: z.literal(0), acks: z.array(recordAckSchema) });
export type RecordsAck = z.infer<typeof recordsAckSchema>;

/** `POST /api/v1/heartbeat` body. */
export const heartbeatRequestSchema = z.strictObject({
  enterpriseCode: enterpriseCodeSchema,
  /** Records waiting to be sent, so the platform can see a backlog building up. */
  pending: z.number().int().min(0).optional(),
});
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;

export const heartbeatAckSchema = z.object({
  code: z.literal(0),
  /** The platform's clock (ms), to detect a drifting client clock before signatures fail. */
  serverTime: z.number().int(),
  heartbeatIntervalSeconds: z.number().positive(),
});
export type HeartbeatAck = z.infer<typeof heartbeatAckSchema>;

/** Every non-2xx answer. */
export const errorResponseSchema = z.object({
  code: z.number().int().positive(),
  error: z.string(),
  message: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
