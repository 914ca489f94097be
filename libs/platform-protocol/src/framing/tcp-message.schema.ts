import { z } from 'zod';
import { appIdSchema, nonceSchema, signatureSchema, timestampSchema } from '../signing/credential-fields';
import { signMethodSchema } from '../signing/sign-method';
import { recordAckSchema } from '../schemas/response.schema';
import { enterpriseCodeSchema } from '../schemas/enterprise-code';

// TCP messages (Hengshui style). Each client frame is signed exactly like an HTTP request: the
// signature covers appId, nonce, timestamp and the SHA-256 of `body`, which is carried as a JSON
// *string* so the signed bytes are unambiguous (no JSON canonicalisation on either side).

export const TCP_MESSAGE_TYPES = ['login', 'records', 'heartbeat'] as const;
export type TcpMessageType = (typeof TCP_MESSAGE_TYPES)[number];

const seqSchema = z.number().int().min(0).max(0xffffffff);

/** Shared by the three client messages; `seq` is echoed in the answer so a client can pipeline. */
export const clientFrameSchema = z.strictObject({
  type: z.enum(TCP_MESSAGE_TYPES, { error: `type must be one of ${TCP_MESSAGE_TYPES.join(', ')}` }),
  seq: seqSchema,
  appId: appIdSchema,
  timestamp: timestampSchema,
  nonce: nonceSchema,
  signMethod: signMethodSchema,
  signature: signatureSchema,
  /** JSON text: `{enterpriseCode}` for login, the records request, or the heartbeat request. */
  body: z.string(),
});
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Body of a login frame. */
export const loginRequestSchema = z.strictObject({ enterpriseCode: enterpriseCodeSchema });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const ackFrameSchema = z.object({
  type: z.literal('ack'),
  seq: seqSchema,
  code: z.literal(0),
  /** Records frames: one ack per record, in order. */
  acks: z.array(recordAckSchema).optional(),
  /** Login and heartbeat frames: the interval the platform expects heartbeats at. */
  heartbeatIntervalSeconds: z.number().positive().optional(),
  serverTime: z.number().int().optional(),
});

export const errorFrameSchema = z.object({
  type: z.literal('error'),
  /** Absent when the failing frame could not be read far enough to know its seq. */
  seq: seqSchema.optional(),
  code: z.number().int().positive(),
  error: z.string(),
  message: z.string(),
  retryAfterSeconds: z.number().int().min(0).optional(),
});

export const serverFrameSchema = z.discriminatedUnion('type', [ackFrameSchema, errorFrameSchema]);
export type AckFrame = z.infer<typeof ackFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrameSchema>;
export type ServerFrame = z.infer<typeof serverFrameSchema>;
