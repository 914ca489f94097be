import { type RouteDescriptor } from '@ecogate/http-edge';
import { stageLookupResponseSchema } from '@ecogate/contracts';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { plateParam } from '../vehicle-registry/vehicle-registry.service';
import { STAGE_LOOKUP_STATES, STAGE_LOOKUP_TRIGGERS } from './stage-lookup.entity';

const PATH = '/api/v1/enterprises/:enterpriseId/vehicles/:plate/stage-lookup';
const params = z.object({
  enterpriseId: z.string().describe('The tenant (enterprise id)'),
  plate: plateParam,
});
const instant = z.iso.datetime({ offset: true });

/** `GET …/stage-lookup` and the 202 of its POST. */
export const stageLookupViewSchema = z.object({
  enabled: z
    .boolean()
    .describe('Whether a source is configured (LEDGER_STAGE_LOOKUP_URL); false: the lookup is off'),
  state: z.enum([...STAGE_LOOKUP_STATES, 'none']),
  trigger: z.enum(STAGE_LOOKUP_TRIGGERS).nullable(),
  key: z.object({ kind: z.enum(['vin', 'disclosure-number']), value: z.string() }).nullable(),
  requestedAt: instant.nullable(),
  attempts: z.number().int(),
  nextTryAt: instant.nullable(),
  answeredAt: instant.nullable(),
  fromCache: z.boolean(),
  answer: stageLookupResponseSchema.nullable().describe('The source’s answer as the protocol gave it, kept'),
  error: z.string().nullable(),
  evidence: z.object({ recordId: z.string(), stage: z.string(), at: instant }).nullable(),
});

export const stageLookupRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: PATH,
    summary: 'Where the vehicle’s stage lookup stands, with the source’s answer',
    tags: ['vehicles'],
    params,
    responses: {
      200: { description: 'The lookup', schema: stageLookupViewSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
      404: refusal('vehicle-not-found'),
    },
  },
  {
    method: 'post',
    path: PATH,
    summary:
      'Ask the city’s source for the vehicle’s stage (by VIN, else disclosure number); answered in the background',
    tags: ['vehicles'],
    params,
    responses: {
      202: { description: 'Queued (or already on its way)', schema: stageLookupViewSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
      404: refusal('vehicle-not-found'),
      409: refusal('no-lookup-key'),
      503: refusal('stage-lookup-off'),
    },
  },
];
