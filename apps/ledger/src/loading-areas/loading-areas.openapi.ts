import { LOADING_AREA_ANOMALY_KINDS, objectRefSchema } from '@ecogate/contracts';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { anomaliesQuery, sightingsQuery } from './loading-areas.service';

const instant = z.iso.datetime({ offset: true });
const params = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });

/** One anomaly with its evidence (docs/loading-areas.md). */
export const loadingAreaAnomalySchema = z.object({
  anomalyId: z.string(),
  kind: z.enum(LOADING_AREA_ANOMALY_KINDS),
  plate: z.string(),
  /** The sighting, the entry's deadline, or the lone exit. */
  at: instant,
  reason: z.string(),
  detectedAt: instant,
  evidence: z.object({
    sightingId: z.string().nullable(),
    cameraId: z.string().nullable(),
    frame: objectRefSchema.nullable(),
    crop: objectRefSchema.nullable(),
    /** The passages it rests on (an overdue entry, a lone exit, the exit before a sighting). */
    passageIds: z.array(z.string()),
    refusalIds: z.array(z.string()),
    /** The Beijing day the search for the missing gate row started on. */
    searchedFrom: z.iso.date().nullable(),
  }),
});

export const loadingAreaSightingSchema = z.object({
  sightingId: z.string(),
  cameraId: z.string(),
  siteId: z.string(),
  plate: z.string(),
  plateColour: z.string(),
  confidence: z.number(),
  verdict: z.enum(['trusted', 'needs-review']),
  at: instant,
  frame: objectRefSchema,
  crop: objectRefSchema,
  cropBox: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
});

/** Loading areas and side gates (issue #17): spread into `ledger.openapi.ts`'s document. */
export const loadingAreaRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/loading-area-anomalies',
    summary:
      'Anti-evasion anomalies (seen in a loading area without an entry, entry without exit, exit without entry, ' +
      "a refused vehicle seen inside, below the alert's minimum stage during an alert) with their evidence, newest first",
    tags: ['loading-areas'],
    params,
    query: anomaliesQuery,
    responses: {
      200: {
        description: '`{items, truncated}`',
        schema: z.object({ items: z.array(loadingAreaAnomalySchema), truncated: z.boolean() }),
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/loading-area-sightings',
    summary: 'The plates loading-area cameras saw, with frame, crop and box, newest first',
    tags: ['loading-areas'],
    params,
    query: sightingsQuery,
    responses: {
      200: {
        description: '`{items, truncated}`',
        schema: z.object({ items: z.array(loadingAreaSightingSchema), truncated: z.boolean() }),
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
];
