import { buildOpenApiDocument, type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { consumerServiceHealthSchema } from '@ecogate/messaging';
import { z } from 'zod';
import { barrierStateReportSchema } from '../barrier-state/barrier-state.service';
import { manualCommandSchema } from '../manual-control/manual-control.service';
import { idempotencyKeySchema } from '../manual-control/manual-outcomes';
import {
  vzenithReplyAnswerSchema,
  vzenithReplyParamsSchema,
  vzenithReplyQuerySchema,
} from '../vzenith-reply/vzenith-reply.schemas';

// `CodedErrorFilter`'s body.
const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const LANE = '/api/v1/enterprises/:enterpriseId/lanes/:laneId';

const routes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/health',
    summary:
      "Liveness and readiness: the plate-read consumer's state (503 `degraded` while it waits for a dependency)",
    tags: ['operations'],
    responses: {
      200: { description: '`{status: ok, consumer}`', schema: consumerServiceHealthSchema },
      503: {
        description: '`{status: degraded, consumer}`: a partition waits (nothing is lost)',
        schema: consumerServiceHealthSchema,
      },
    },
  },
  {
    method: 'post',
    path: `${LANE}/manual`,
    summary:
      'Operator release or refusal of the vehicle at a lane, with a reason (audited as events). ' +
      'Idempotent: a retry with the same Idempotency-Key gets the first answer and commands nothing again',
    tags: ['operator'],
    params: vzenithReplyParamsSchema,
    headers: z.object({
      'idempotency-key': idempotencyKeySchema.describe(
        'Chosen by the client per action and sent again on every retry; the decision id follows from it',
      ),
    }),
    body: manualCommandSchema,
    responses: {
      202: {
        description: 'Done (or the replay of the same key): `{decision?, command?}` (the events published)',
      },
      400: refusal('invalid-request, idempotency-key-required'),
      404: refusal('lane-not-found'),
      409: refusal(
        'no-vehicle-at-lane (refusal with nobody in front), idempotency-key-reused (same key, another request)',
      ),
    },
  },
  {
    method: 'post',
    path: `${LANE}/barrier-state`,
    summary: 'A lane device reports the barrier opened or closed',
    tags: ['devices'],
    params: vzenithReplyParamsSchema,
    body: barrierStateReportSchema,
    responses: {
      202: { description: 'Applied: `{phase, ignored, violations}`' },
      400: refusal('invalid-request'),
      404: refusal('lane-not-found'),
    },
  },
  {
    method: 'get',
    path: `${LANE}/vzenith-reply`,
    summary:
      "camera-ingest asks, while a Vzenith camera waits for its push reply, whether the reply opens the barrier (waits up to BARRIER_VZENITH_REPLY_WAIT_MS for the capture's decision)",
    tags: ['camera-ingest'],
    params: vzenithReplyParamsSchema,
    query: vzenithReplyQuerySchema,
    responses: {
      200: { description: 'open only when the lane admitted this capture', schema: vzenithReplyAnswerSchema },
      400: refusal('invalid-request'),
      404: refusal('lane-not-found'),
    },
  },
];

/** barrier-control's HTTP API, served at `GET /openapi.json`. */
export const barrierControlOpenApi = buildOpenApiDocument(
  { title: 'Ecogate barrier-control', version: '1', description: 'Operator and lane-device API' },
  routes,
);
