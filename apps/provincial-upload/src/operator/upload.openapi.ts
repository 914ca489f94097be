import { buildOpenApiDocument, type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { correctionSchema } from '../correct-record/correct-record.service';
import { rangeBody, rateQuery, recordsQuery, serialParam } from './operator-requests';

// `CodedErrorFilter`'s body.
const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const BASE = '/api/v1/enterprises/:enterpriseId/upload';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const record = enterprise.extend({ serial: serialParam.describe('The HJ 608 record serial') });
const queued = z.object({ queued: z.number().int().describe('Records queued again') });
const ok = (description: string): Readonly<Record<number, RouteResponse>> => ({
  200: { description },
  400: refusal('invalid-request, invalid-enterprise-id'),
});

const routes: RouteDescriptor[] = [
  {
    method: 'get',
    path: `${BASE}/backlog`,
    summary: 'Counts per delivery state, the backlog and its oldest waiting capture',
    tags: ['upload'],
    params: enterprise,
    responses: ok('`{enterpriseId, counts, backlog, oldestPendingCapturedAt, oldestPendingAgeSeconds}`'),
  },
  {
    method: 'get',
    path: `${BASE}/transmission-rate`,
    summary: 'Per day (China Standard Time, by arrival): produced, acknowledged, rate',
    tags: ['upload'],
    params: enterprise,
    query: rateQuery,
    responses: ok('`[{day, produced, acknowledged, rate}]`'),
  },
  {
    method: 'get',
    path: `${BASE}/records`,
    summary: 'Delivery records in capture order, optionally of one state',
    tags: ['upload'],
    params: enterprise,
    query: recordsQuery,
    responses: ok('Record summaries'),
  },
  {
    method: 'get',
    path: `${BASE}/records/:serial`,
    summary: 'One record with its passage, overrides, corrections and re-push audit',
    tags: ['upload'],
    params: record,
    responses: { ...ok('The record'), 404: refusal('record-not-found') },
  },
  {
    method: 'post',
    path: `${BASE}/records/:serial/re-push`,
    summary: 'Queue one record again (补传), acknowledged ones included (audited)',
    tags: ['upload'],
    params: record,
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
      202: { description: '`{serial, state: pending, overrides}`' },
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
    responses: { 200: { description: '`{delivering, configurationError, lastHeartbeat}`' } },
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
