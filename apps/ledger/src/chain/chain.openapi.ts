import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { CHAIN_TABLES } from './chain-maths';

const instant = z.iso.datetime({ offset: true });

/** `from`/`to`: instants of the changes (when they were appended); the whole chain when absent. */
export const chainVerifyQuery = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
});

const findingSchema = z.object({
  kind: z.enum([
    'entry-altered',
    'entry-deleted',
    'chain-rewritten',
    'root-forged',
    'record-altered',
    'record-deleted',
    'record-inserted',
  ]),
  seq: z.number().int().positive().optional(),
  record: z.object({ table: z.enum(CHAIN_TABLES), id: z.uuid() }).optional(),
  day: z.string().optional(),
  detail: z.string(),
});

export const chainVerificationSchema = z.object({
  enterpriseId: z.string(),
  ok: z.boolean(),
  entries: z.number().int().min(0),
  firstSeq: z.number().int().positive().nullable(),
  lastSeq: z.number().int().positive().nullable(),
  roots: z.number().int().min(0),
  /** Passages of the period received before the enterprise's chain began: counted, neither proven nor reported. */
  beforeChain: z.number().int().min(0),
  /** The first finding in chain order: the first altered, deleted or inserted record. */
  first: findingSchema.nullable(),
  findings: z.array(findingSchema),
});

/** The tamper-evident ledger (issue #16): spread into `ledger.openapi.ts`'s document. */
export const chainRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/chain/verify',
    summary:
      "Recompute the enterprise's hash chain over a period against the rows now and the signed daily roots; " +
      'names the first altered, deleted or inserted record',
    tags: ['chain'],
    params: z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') }),
    query: chainVerifyQuery,
    responses: {
      200: {
        description: 'The verification (`ok: false` with findings when tampered)',
        schema: chainVerificationSchema,
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
];
