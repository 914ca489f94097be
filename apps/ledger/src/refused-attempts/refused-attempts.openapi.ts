import { objectRefSchema } from '@ecogate/contracts';
import { ALERT_LEVELS, EMISSION_STAGES, EVIDENCE_SOURCES } from '@ecogate/domain';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { refusedAttemptsQuery } from './refused-attempts.service';

const instant = z.iso.datetime({ offset: true });

/** One refused attempt (`refusedAttemptView`); the detail columns are null on rows recorded before them. */
export const refusedAttemptSchema = z.object({
  id: z.uuid(),
  enterpriseId: z.string(),
  /** The barrier decision: its photos are at `decisions/:decisionId/photos/:kind`. */
  decisionId: z.string(),
  siteId: z.string(),
  gateId: z.string(),
  laneId: z.string(),
  direction: z.enum(['in', 'out']),
  plate: z.string(),
  plateColour: z.string().nullable(),
  verdict: z.enum(['deny', 'needs-review']),
  reasons: z.array(z.string()),
  stage: z.enum(EMISSION_STAGES).nullable(),
  stageSource: z.enum(EVIDENCE_SOURCES).nullable(),
  alertLevel: z.enum(ALERT_LEVELS).nullable(),
  /** The sentence the lane's display showed. */
  message: z.object({ zh: z.string(), en: z.string() }).nullable(),
  /** Refused by a person (barrier control's manual refusal). */
  manual: z.boolean(),
  /** Who refused by hand (their account's subject) and the reason they gave; null otherwise. */
  operator: z.object({ id: z.string(), reason: z.string() }).nullable(),
  capturedAt: instant,
  photos: z.object({ vehicle: objectRefSchema.optional(), plate: objectRefSchema.optional() }).nullable(),
});

/** `{items, nextCursor}`: pass `nextCursor` back as `cursor`; `null` on the last page. */
export const refusedAttemptPageSchema = z.object({
  items: z.array(refusedAttemptSchema),
  nextCursor: z.string().nullable(),
});

/** 拦截记录 (issue #13): spread into `ledger.openapi.ts`'s document. */
export const refusedAttemptRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/refused-attempts',
    summary:
      'The barrier decisions that were not passages (deny / needs-review at a barrier lane), refusals by hand ' +
      'with their operator and reason: newest first, keyset pages as the passage search',
    tags: ['passages'],
    params: z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') }),
    query: refusedAttemptsQuery,
    responses: {
      200: { description: '`{items, nextCursor}`', schema: refusedAttemptPageSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
];
