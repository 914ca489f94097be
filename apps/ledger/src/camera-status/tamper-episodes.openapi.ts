import { TAMPER_KINDS } from '@ecogate/contracts';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { tamperImageParam } from './tamper-episodes.controller';
import { tamperEpisodesQuery } from './tamper-episodes.service';

const instant = z.iso.datetime({ offset: true });
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const invalid = refusal('invalid-request, invalid-enterprise-id');
/** A gateway path of the image route, `null` when the episode has no such image. */
const imagePath = z.string().nullable();

/** One tampering of a camera, from `tampered` to `recovered` (docs/ledger.md "Camera tamper episodes"). */
export const tamperEpisodeSchema = z.object({
  episodeId: z.uuid(),
  cameraId: z.string(),
  /** The view check's kind; `null` from the camera's own tamper alarm (it names none). */
  kind: z.enum(TAMPER_KINDS).nullable(),
  source: z.enum(['view-check', 'camera-alarm']),
  /** The `tampered` event's reason (`view-changed`, `tamper`). */
  reason: z.string(),
  startedAt: instant,
  /** `null` while the camera is still tampered with. */
  endedAt: instant.nullable(),
  /** `view-restored`, `tamper-cleared`, or `kind-changed` (a tampering of another kind followed). */
  endReason: z.string().nullable(),
  scores: z.record(z.string(), z.number()).nullable(),
  images: z.object({ before: imagePath, after: imagePath, restored: imagePath }),
});

export const tamperEpisodeListSchema = z.object({
  items: z.array(tamperEpisodeSchema),
  /** More episodes than `limit` overlap the period. */
  truncated: z.boolean(),
});

/** Camera tamper episodes (issue #17): spread into `ledger.openapi.ts`'s document. */
export const tamperEpisodeRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/camera-tamper-episodes',
    summary:
      "The enterprise's camera tamper episodes (moved, covered, blurred, too dark, frozen, or the camera's own alarm) " +
      'overlapping from…to, newest first, with the view check’s before/after images',
    tags: ['cameras'],
    params: enterprise,
    query: tamperEpisodesQuery,
    responses: {
      200: { description: '`{items, truncated}`', schema: tamperEpisodeListSchema },
      400: invalid,
    },
  },
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/camera-tamper-episodes/:episodeId/images/:image',
    summary:
      "A tamper episode's image for a browser (before: the reference view; after: the frame that showed it; " +
      'restored: the frame that showed it back): 302 to a short-lived link',
    tags: ['cameras'],
    params: enterprise.extend({ episodeId: z.uuid(), image: tamperImageParam }),
    responses: {
      302: { description: 'Redirect (`Location`) to a short-lived link, as the passage photos' },
      400: invalid,
      404: refusal('tamper-episode-not-found, photo-not-found'),
    },
  },
];
