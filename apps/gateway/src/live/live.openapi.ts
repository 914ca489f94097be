import { alertViewQuerySchema, alertViewSchema, liveLaneMessageSchema } from '@ecogate/contracts';
import { type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { ALERT_VIEW_STREAM_PATH } from './alert-view-stream.controller';
import { LIVE_LANES_PATH } from './live-lanes.controller';

const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });

// For the gateway's OpenAPI document (`buildOpenApiDocument`): the live lanes stream.
export const liveRoutes: readonly RouteDescriptor[] = [
  {
    method: 'get',
    path: `/${LIVE_LANES_PATH}`,
    summary:
      'Live lanes of an enterprise as Server-Sent Events, from now on: `event: decision | barrier | camera`, `id:` the event id, `data:` JSON (schema: one message as {id, event, data}); a `: heartbeat` comment every 15 s; the stream ends when the access token expires (reconnect after `retry:`)',
    tags: ['live'],
    params: z.object({ enterpriseId: z.string().describe('The enterprise id') }),
    responses: {
      200: {
        description:
          'The stream (`text/event-stream`); each message is one of these, its `data` JSON-encoded',
        contentType: 'text/event-stream',
        schema: liveLaneMessageSchema,
      },
      401: refusal('unauthenticated, session-ended'),
      403: refusal('forbidden (integrators: people only), password-change-required, totp-enrolment-required'),
      404: refusal('enterprise-not-found (not registered, deactivated, or not yours)'),
      429: refusal('too-many-streams (per enterprise, or on this gateway instance)'),
      503: refusal('live-unavailable (shutting down, or the enterprise directory is unavailable)'),
    },
  },
  {
    method: 'get',
    path: `/${ALERT_VIEW_STREAM_PATH}`,
    summary:
      "The city's view during an orange or red alert (the ledger's `GET /api/v1/alert-view` for the caller) as Server-Sent Events: `event: snapshot` with the whole view at once on every connection, then again whenever it changed (read every 15 s); `id:` a digest of its content. No `Last-Event-ID`: a reconnect starts with a fresh snapshot. A `: heartbeat` comment every 15 s; the stream ends when the access token expires",
    tags: ['live'],
    query: alertViewQuerySchema,
    responses: {
      200: {
        description: 'The stream (`text/event-stream`); each `data:` is one whole view, JSON-encoded',
        contentType: 'text/event-stream',
        schema: alertViewSchema,
      },
      400: refusal('invalid-request (districtCode is not 6 digits)'),
      401: refusal('unauthenticated, session-ended'),
      403: refusal('forbidden (city roles only), password-change-required, totp-enrolment-required'),
      429: refusal('too-many-streams (per caller, or on this gateway instance)'),
      503: refusal('live-unavailable (no ledger configured, the ledger did not answer, or shutting down)'),
    },
  },
];
