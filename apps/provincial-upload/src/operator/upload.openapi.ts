import { ledgerPassageRecordedV1 } from '@ecogate/contracts';
import { buildOpenApiDocument, type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { consumerServiceHealthSchema } from '@ecogate/messaging';
import { z } from 'zod';
import { correctionSchema } from '../correct-record/correct-record.service';
import {
  type BacklogReport,
  type DailyRate,
  type RecordSummary,
} from '../delivery-report/delivery-report.service';
import { DELIVERY_STATES } from '../delivery/delivery-state';
import { type PlatformHalt } from '../dispatch/platform-status';
import { rangeBody, rateQuery, recordsQuery, rePushBody, serialParam } from './operator-requests';

// `CodedErrorFilter`'s body.
const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const BASE = '/api/v1/enterprises/:enterpriseId/upload';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const record = enterprise.extend({ serial: serialParam.describe('The HJ 608 record serial') });
const queued = z.object({ queued: z.number().int().describe('Records queued again') });
const ok = (description: string, schema: z.ZodType): Readonly<Record<number, RouteResponse>> => ({
  200: { description, schema },
  400: refusal('invalid-request, invalid-enterprise-id'),
});

// Response shapes, checked against the types the services return where they have one.
const state = z.enum(DELIVERY_STATES);
const backlog = z.object({
  enterpriseId: z.string(),
  counts: z.object({
    pending: z.number().int(),
    'in-flight': z.number().int(),
    acknowledged: z.number().int(),
    rejected: z.number().int(),
    dead: z.number().int(),
  }),
  backlog: z.number().int().describe('pending + in-flight'),
  oldestPendingCapturedAt: z.string().nullable(),
  oldestPendingAgeSeconds: z.number().int().nullable(),
}) satisfies z.ZodType<BacklogReport>;
const dailyRate = z.object({
  day: z.string().describe('yyyy-MM-dd, China Standard Time'),
  produced: z.number().int(),
  acknowledged: z.number().int(),
  rate: z.number().describe('acknowledged ÷ produced (1 on a day without records)'),
}) satisfies z.ZodType<DailyRate>;
const summary = z.object({
  serial: z.string(),
  passageId: z.string(),
  direction: z.string(),
  revision: z.number().int(),
  capturedAt: z.string(),
  state,
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  ackStatus: z.string().nullable().describe('accepted or duplicate, once acknowledged'),
  acknowledgedAt: z.string().nullable(),
}) satisfies z.ZodType<RecordSummary>;
const overrides = z.record(z.string(), z.unknown()).describe('Corrected fields over the passage');
const detail = summary.extend({
  passage: ledgerPassageRecordedV1,
  overrides: overrides.nullable(),
  corrections: z.array(
    z.object({
      actor: z.string(),
      correctedAt: z.string(),
      before: overrides.nullable(),
      after: overrides,
      previousReason: z.string().nullable(),
    }),
  ),
  rePushes: z.array(
    z
      .object({
        actor: z.string(),
        actorRole: z.string(),
        at: z.string(),
        serial: z.string().nullable(),
        capturedFrom: z.string().nullable(),
        capturedTo: z.string().nullable(),
        reason: z.string().nullable(),
      })
      .describe('A re-push that named this record or covered its capture time'),
  ),
});
const platformHalt = z.object({
  code: z.string(),
  message: z.string(),
  since: z.string(),
}) satisfies z.ZodType<PlatformHalt>;
const uploadStatus = z.object({
  delivering: z.boolean(),
  configurationError: platformHalt.nullable(),
  lastHeartbeat: z.object({ at: z.string(), ok: z.boolean(), error: z.string().optional() }).nullable(),
});

const routes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/health',
    summary:
      "Liveness and readiness: the intake consumer's state (503 `degraded` while it waits for a dependency)",
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
    method: 'get',
    path: `${BASE}/backlog`,
    summary: 'Counts per delivery state, the backlog and its oldest waiting capture',
    tags: ['upload'],
    params: enterprise,
    responses: ok('Counts per state, the backlog and its oldest waiting capture', backlog),
  },
  {
    method: 'get',
    path: `${BASE}/transmission-rate`,
    summary: 'Per day (China Standard Time, by arrival): produced, acknowledged, rate',
    tags: ['upload'],
    params: enterprise,
    query: rateQuery,
    responses: ok('One row per day with records, oldest first', z.array(dailyRate)),
  },
  {
    method: 'get',
    path: `${BASE}/records`,
    summary: 'Delivery records in capture order, optionally of one state; paged by `after`',
    tags: ['upload'],
    params: enterprise,
    query: recordsQuery,
    responses: {
      ...ok('Record summaries (fewer than `limit`: the last page)', z.array(summary)),
      404: refusal('record-not-found (the `after` serial)'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/records/:serial`,
    summary: 'One record with its passage, overrides, corrections and re-push audit',
    tags: ['upload'],
    params: record,
    responses: { ...ok('The record', detail), 404: refusal('record-not-found') },
  },
  {
    method: 'post',
    path: `${BASE}/records/:serial/re-push`,
    summary: 'Queue one record again (补传), acknowledged ones included (audited, with the reason)',
    tags: ['upload'],
    params: record,
    body: rePushBody,
    responses: {
      202: { description: 'Queued', schema: queued },
      400: refusal('invalid-request, invalid-enterprise-id'),
      404: refusal('record-not-found (unknown, or in flight)'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/re-push`,
    summary: 'Queue again every record captured in [capturedFrom, capturedTo) (audited)',
    tags: ['upload'],
    params: enterprise,
    body: rangeBody,
    responses: {
      202: { description: 'Queued', schema: queued },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/records/:serial/correction`,
    summary: 'Correct a rejected or dead record and queue it under the same serial (audited)',
    tags: ['upload'],
    params: record,
    body: correctionSchema,
    responses: {
      202: {
        description: 'Queued under the same serial',
        schema: z.object({ serial: z.string(), state: z.literal('pending'), overrides }),
      },
      400: refusal('invalid-request, invalid-enterprise-id'),
      404: refusal('record-not-found'),
      409: refusal('record-not-correctable'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/upload/status',
    summary: 'Whether delivery runs, the configuration error that stopped it, the last heartbeat',
    tags: ['operations'],
    responses: { 200: { description: 'Delivery status', schema: uploadStatus } },
  },
  {
    method: 'post',
    path: '/api/v1/upload/status/resume',
    summary: 'Resume delivery after the credentials were fixed (audited with the halt it cleared)',
    tags: ['operations'],
    responses: {
      202: { description: 'Resumed', schema: z.object({ delivering: z.literal(true) }) },
    },
  },
];

/** provincial-upload's operator API, served at `GET /openapi.json`. */
export const uploadOpenApi = buildOpenApiDocument(
  {
    title: 'Ecogate provincial upload',
    version: '1',
    description:
      'Delivery of passage records to the provincial platform (HJ 608): backlog, re-push, corrections',
  },
  routes,
);
