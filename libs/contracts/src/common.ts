import { z } from 'zod';

// Building blocks shared by event payloads.

/** Tenant, site and device ids: short, printable, safe inside object keys and topic keys. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, _ or -');

export const instantSchema = z.iso.datetime({ offset: true });

/** An image in object storage: events carry references, never bytes. */
export const objectRefSchema = z.object({
  bucket: z.string().min(3).max(63),
  key: z.string().min(1).max(1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentType: z.string().min(1).max(100),
  bytes: z.number().int().nonnegative(),
});
export type ObjectRef = z.infer<typeof objectRefSchema>;

/** Where a capture happened, from the enterprise down to the lane (direction in or out). */
export const laneRefSchema = z.object({
  enterpriseId: idSchema,
  siteId: idSchema,
  gateId: idSchema,
  laneId: idSchema,
  direction: z.enum(['in', 'out']),
});
export type LaneRef = z.infer<typeof laneRefSchema>;
