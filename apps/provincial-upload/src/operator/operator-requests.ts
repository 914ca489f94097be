import { z } from 'zod';
import { DELIVERY_STATES } from '../delivery/delivery-state';
import { UploadException } from '../errors/upload.exception';

// What the operator API accepts: validated here and documented from the same schemas.

export const serialParam = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
export const recordsQuery = z.object({
  state: z.enum(DELIVERY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const rateQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(7) });
export const rangeBody = z
  .strictObject({
    capturedFrom: z.iso.datetime({ offset: true }),
    capturedTo: z.iso.datetime({ offset: true }),
  })
  .refine(
    (r) => Date.parse(r.capturedFrom) < Date.parse(r.capturedTo),
    'capturedFrom must be before capturedTo',
  );

export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UploadException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}
