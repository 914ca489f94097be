import { type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import {
  createCityExportSchema,
  createExportSchema,
  exportJobListSchema,
  exportJobSchema,
  listExportsQuery,
} from './export.schemas';

const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const BASE = '/api/v1/enterprises/:enterpriseId/exports';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const job = z.object({ jobId: z.uuid() });
const denied = {
  401: refusal('unauthenticated'),
  403: refusal('forbidden: a role the route does not admit'),
} as const;

/** The export routes of the ledger's OpenAPI document (`ledger.openapi.ts` adds them). */
export const exportRoutes: readonly RouteDescriptor[] = [
  {
    method: 'post',
    path: BASE,
    summary:
      'Queue an Excel export of a ledger (passages with the search filters, or registry B / C); audited',
    tags: ['exports'],
    params: enterprise,
    body: createExportSchema,
    responses: {
      202: { description: 'The queued job; poll `GET …/exports/:jobId`', schema: exportJobSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
      ...denied,
      404: refusal('enterprise-not-found'),
    },
  },
  {
    method: 'get',
    path: BASE,
    summary: "The enterprise's recent exports, newest first (without download links)",
    tags: ['exports'],
    params: enterprise,
    query: listExportsQuery,
    responses: {
      200: { description: 'Jobs', schema: exportJobListSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
      ...denied,
      404: refusal('enterprise-not-found'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/:jobId`,
    summary: 'An export: state and progress; a done one gets a fresh short-lived download link (audited)',
    tags: ['exports'],
    params: enterprise.extend(job.shape),
    responses: {
      200: { description: 'The job', schema: exportJobSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
      ...denied,
      404: refusal('enterprise-not-found, export-not-found (also for another enterprise’s job)'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/exports',
    summary:
      'City roles: queue one export over several enterprises (one sheet, 企业编号 first); each must be in the caller’s token',
    tags: ['exports'],
    body: createCityExportSchema,
    responses: {
      202: { description: 'The queued job; poll `GET /api/v1/exports/:jobId`', schema: exportJobSchema },
      400: refusal('invalid-request'),
      ...denied,
      404: refusal('enterprise-not-found: an enterprise outside the caller’s'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/exports',
    summary: 'City roles: recent exports all of whose enterprises the caller covers (without download links)',
    tags: ['exports'],
    query: listExportsQuery,
    responses: {
      200: { description: 'Jobs', schema: exportJobListSchema },
      400: refusal('invalid-request'),
      ...denied,
    },
  },
  {
    method: 'get',
    path: '/api/v1/exports/:jobId',
    summary:
      'City roles: an export (of one or several enterprises, all covered by the caller), with a link when done',
    tags: ['exports'],
    params: job,
    responses: {
      200: { description: 'The job', schema: exportJobSchema },
      400: refusal('invalid-request'),
      ...denied,
      404: refusal('export-not-found'),
    },
  },
];
