import { z } from 'zod';

/**
 * What an injected fault does to a platform request (HTTP) or client frame (TCP):
 * - `5xx`: 500 internal-error (TCP: an error frame); nothing stored;
 * - `429`: 429 rate-limited with `Retry-After` (TCP: error frame with `retryAfterSeconds`); nothing stored;
 * - `timeout`: no answer at all, the connection stays open; nothing stored;
 * - `reset`: the connection is reset (TCP RST); nothing stored;
 * - `slow`: answered normally after `slowMs`;
 * - `malformed-ack`: the batch IS processed and stored, then the answer is truncated JSON, so a
 *   client that retries must get `duplicate` back: this is the idempotency test.
 */
export const FAULT_MODES = ['5xx', 'timeout', 'reset', 'slow', 'malformed-ack', '429'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** `PUT /_sim/faults` body; it replaces the whole fault configuration. */
export const faultSettingsSchema = z
  .strictObject({
    /** Share of platform requests that get the fault, drawn per request. */
    failRate: z.number().min(0).max(1).default(0),
    mode: z.enum(FAULT_MODES).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    slowMs: z.number().int().min(0).max(120_000).default(2_000),
    /** Refuse connections: the HTTP platform listener and the TCP listener stop until cleared. */
    down: z.boolean().default(false),
    /** Makes the draws reproducible (same seed, same sequence of faulted requests). */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .refine((s) => s.failRate === 0 || s.mode !== undefined, {
    path: ['mode'],
    message: 'is required when failRate > 0',
  });

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export const NO_FAULTS: FaultSettings = faultSettingsSchema.parse({});
