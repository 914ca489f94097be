import { z } from 'zod';
import { type EnterpriseId, isEnterpriseId } from '@ecogate/persistence';
import { ArchiveException } from './archive.exception';

/** Parses request input; a failure is a 400 `invalid-request` with zod's readable reason. */
export function parseRequest<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ArchiveException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

export function enterpriseParam(value: string): EnterpriseId {
  if (!isEnterpriseId(value)) {
    throw new ArchiveException('invalid-enterprise-id', 'enterprise id: 1-64 letters, digits, _ or -');
  }
  return value;
}

/** A time window `from` < `to`, ISO 8601 with offset. */
export const windowSchema = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((w) => Date.parse(w.to) > Date.parse(w.from), {
    message: '`to` must be after `from`',
    path: ['to'],
  });
