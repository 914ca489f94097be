import { idSchema } from '@ecogate/contracts';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { manualPassageSchema } from '../manual-passage/manual-passage.service';
import { photoKindParam, photoSideParam } from '../photos/passage-photos.controller';
import { resolveReviewSchema, reviewItemsQuery } from '../review/review-items.service';
import { statisticsSummaryQuery } from '../statistics/statistics-summary.service';
import { passagePageSchema, passageSchema, refusal, statisticsSummarySchema } from './ledger-responses';

// The routes the web console added (issue #13): photos, the review queue, manual passages and the
// statistics summary. Spread into `ledger.openapi.ts`'s document.

const BASE = '/api/v1/enterprises/:enterpriseId';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const invalid = refusal('invalid-request, invalid-enterprise-id');
const photoRedirect = {
  description:
    'Redirect (`Location`) to a short-lived link: a presigned MinIO URL, or a signed link to the ' +
    "gateway's `/objects` route on the filesystem profile; `Cache-Control: private, max-age` below its lifetime",
};

export const consoleRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: `${BASE}/passages/:passageId/photos/:side/:kind`,
    summary: "A passage's photo for a browser: 302 to a short-lived link",
    tags: ['photos'],
    params: enterprise.extend({ passageId: z.uuid(), side: photoSideParam, kind: photoKindParam }),
    responses: {
      302: photoRedirect,
      400: invalid,
      404: refusal('passage-not-found, photo-not-found'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/decisions/:decisionId/photos/:kind`,
    summary: "A barrier decision's photo (recorded passage or refused attempt): 302 to a short-lived link",
    tags: ['photos'],
    params: enterprise.extend({ decisionId: idSchema, kind: photoKindParam }),
    responses: { 302: photoRedirect, 400: invalid, 404: refusal('photo-not-found') },
  },
  {
    method: 'get',
    path: `${BASE}/review-items`,
    summary:
      'The review queue (待确认): passages whose read or stage needs a person, newest first (keyset pages)',
    tags: ['review'],
    params: enterprise,
    query: reviewItemsQuery,
    responses: {
      200: { description: 'Passages with `reviewState` and `reviewReasons`', schema: passagePageSchema },
      400: invalid,
    },
  },
  {
    method: 'post',
    path: `${BASE}/review-items/:passageId/resolution`,
    summary:
      'Confirm or correct the read (plate, colour, stage): a new revision, audited; a correction is published again',
    tags: ['review'],
    params: enterprise.extend({ passageId: z.uuid() }),
    body: resolveReviewSchema,
    responses: {
      200: { description: 'The resolved passage', schema: passageSchema },
      400: refusal('invalid-request, invalid-enterprise-id, invalid-plate, stage-required'),
      404: refusal('review-item-not-found'),
      409: refusal('revision-conflict'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/passages/manual`,
    summary: 'Enter a passage side by hand (camera failed): audited, published, idempotent on requestId',
    tags: ['passages'],
    params: enterprise,
    body: manualPassageSchema,
    responses: {
      200: { description: 'The passage this requestId already created (a retry)', schema: passageSchema },
      201: { description: 'The passage, marked `manual`', schema: passageSchema },
      400: refusal(
        'invalid-request, invalid-enterprise-id, invalid-plate, site-required, captured-in-future, captured-before-retention-floor',
      ),
      409: refusal('request-id-reused'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/statistics/summary`,
    summary:
      'Stage shares by trips and tonnes, daily trips, clean-transport ratios and the class indicator (Asia/Shanghai days); ' +
      'the class from the directory record the ledger learnt, or performanceClass + industry to override it',
    tags: ['statistics'],
    params: enterprise,
    query: statisticsSummaryQuery,
    responses: {
      200: { description: 'The summary', schema: statisticsSummarySchema },
      400: invalid,
    },
  },
];
