import { idSchema, LOADING_AREA_ANOMALY_KINDS, objectRefSchema } from '@ecogate/contracts';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { photoKindParam } from '../photos/passage-photos.controller';
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
    /**
     * The loading area's video around the sighting (30 s each side), for the video archive's
     * `GET …/cameras/:cameraId/playlist.m3u8?from&to`; null without a sighting camera.
     */
    clip: z.object({ cameraId: z.string(), from: instant, to: instant }).nullable(),
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
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/loading-area-sightings/:sightingId/photos/:kind',
    summary: "A sighting's frame (`scene`) or plate crop (`plate`) for a browser: 302 to a short-lived link",
    tags: ['loading-areas'],
    params: params.extend({ sightingId: idSchema, kind: photoKindParam }),
    responses: {
      302: {
        description:
          "Redirect (`Location`) to a short-lived link, as the passages' photos; `Cache-Control: private, max-age`",
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
      404: refusal('photo-not-found'),
    },
  },
];
