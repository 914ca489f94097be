import { z } from 'zod';
import { LedgerException } from '../errors/ledger.exception';

/** Parses request input; a failure is a 400 `invalid-request` with zod's readable reason. */
export function parseRequest<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new LedgerException('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}
