import { drivingLicenceReadSchema, inventoryListReadSchema, objectRefSchema } from '@ecogate/contracts';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal, stageReviewSchema } from '../api/ledger-responses';
import { resolveStageReviewSchema, stageReviewsQuery } from '../stage-review/stage-review.service';
import { plateParam } from '../vehicle-registry/vehicle-registry.service';
import { confirmDocumentReadSchema, documentReadsQuery } from './document-reads.service';
import { DOCUMENT_READ_STATES } from './vehicle-document-read.entity';

const BASE = '/api/v1/enterprises/:enterpriseId';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const instant = z.iso.datetime({ offset: true });

export const documentReadSchema = z.object({
  id: z.uuid(),
  vehicleId: z.uuid(),
  plate: z.string(),
  kind: z.enum(['inventory-list', 'driving-licence']),
  document: objectRefSchema,
  state: z.enum(DOCUMENT_READ_STATES),
  /** `stage-recorded`, `no-code`, `no-vin`, `vin-suggested`, `vin-mismatch`, `no-stage`, `not-a-photo`, `not-a-licence`, `licence-read`. */
  outcome: z.string().nullable(),
  /** Why it waits (queued: plate recognition unavailable or not configured) or why a person must look. */
  reason: z.string().nullable(),
  /** Plate recognition's answer (a 行驶证's fields each with its confidence). */
  result: z.union([inventoryListReadSchema, drivingLicenceReadSchema]).nullable(),
  evidenceId: z.uuid().nullable(),
  attempts: z.number().int(),
  nextTryAt: instant.nullable(),
  batchId: z.uuid().nullable(),
  requestedBy: z.string(),
  createdAt: instant,
  readAt: instant.nullable(),
  confirmedBy: z.string().nullable(),
  confirmedAt: instant.nullable(),
});

const read = enterprise.extend({ readId: z.uuid() });

/** Vehicle documents read by plate recognition, and the vehicles whose stage evidence disagrees (issue #23). */
export const documentReadRoutes: RouteDescriptor[] = [
  {
    method: 'post',
    path: `${BASE}/vehicle-document-reads`,
    summary: 'Queue a read of every stored 随车清单 / 行驶证 photo of the enterprise not read yet (backfill)',
    tags: ['vehicles'],
    params: enterprise,
    body: z.strictObject({}),
    responses: {
      202: {
        description: 'The backfill: follow it with `GET vehicle-document-reads?batchId=`',
        schema: z.object({ batchId: z.uuid(), queued: z.number().int() }),
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/vehicle-document-reads`,
    summary: 'Document reads, newest first, with the progress (done / total) of all the filter matches',
    tags: ['vehicles'],
    params: enterprise,
    query: documentReadsQuery,
    responses: {
      200: {
        description: '`{progress: {done, total}, items}`',
        schema: z.object({
          progress: z.object({ done: z.number().int(), total: z.number().int() }),
          items: z.array(documentReadSchema),
        }),
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/vehicle-document-reads/:readId`,
    summary: 'One document read',
    tags: ['vehicles'],
    params: read,
    responses: {
      200: { description: 'The read', schema: documentReadSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
      404: refusal('document-read-not-found'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/vehicle-document-reads/:readId/confirmation`,
    summary:
      'A person confirms or corrects a read left for them; the fields go to the vehicle and the evidence they give is recorded (audited)',
    tags: ['vehicles'],
    params: read,
    body: confirmDocumentReadSchema,
    responses: {
      200: { description: 'The confirmed read', schema: documentReadSchema },
      400: refusal('invalid-request, invalid-vin, invalid-registration-date'),
      404: refusal('document-read-not-found, vehicle-not-found'),
      409: refusal('document-read-not-awaiting'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/vehicle-reviews`,
    summary: 'Vehicles whose stage evidence disagrees between sources (open by default)',
    tags: ['vehicles'],
    params: enterprise,
    query: stageReviewsQuery,
    responses: {
      200: {
        description: '`{items}`, newest first',
        schema: z.object({ items: z.array(stageReviewSchema) }),
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/vehicle-reviews/:plate/resolution`,
    summary: 'A person resolves a vehicle’s stage disagreement (audited)',
    tags: ['vehicles'],
    params: enterprise.extend({ plate: plateParam }),
    body: resolveStageReviewSchema,
    responses: {
      200: { description: 'The resolved review', schema: stageReviewSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
      404: refusal('stage-review-not-found'),
      409: refusal('stage-review-not-open'),
    },
  },
];
