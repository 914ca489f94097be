import { z } from 'zod';
import { DELIVERY_STATES } from '../delivery/delivery-state';
import { UploadException } from '../errors/upload.exception';

// What the operator API accepts: validated here and documented from the same schemas.

export const serialParam = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
export const recordsQuery = z.object({
  state: z.enum(DELIVERY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: serialParam
    .optional()
    .describe('The serial of the last record of the previous page: the records captured after it'),
});
/** Why an operator sends records again: kept with the audit row (the console asks for it). */
const rePushReason = z.string().trim().min(1).max(500);
export const rePushBody = z.strictObject({ reason: rePushReason.optional() });
export const rateQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(7) });
export const rangeBody = z
  .strictObject({
    capturedFrom: z.iso.datetime({ offset: true }),
    capturedTo: z.iso.datetime({ offset: true }),
    reason: rePushReason.optional(),
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
