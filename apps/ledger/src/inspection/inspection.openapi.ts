import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { evidencePackRoutes } from '../evidence-pack/evidence-pack.openapi';
import { violationsQuery } from '../violations/violations.service';
import {
  enterpriseIndicatorsSchema,
  inspectionListSchema,
  inspectionSchema,
  violationListSchema,
} from './inspection-responses';
import { crossEnterpriseListQuery, inspectionListQuery } from './inspection-list';
import { createInspectionSchema, markItemSchema } from './inspection.service';

/** The inspection workflow (issue #16): spread into `ledger.openapi.ts`'s document. */
const BASE = '/api/v1/enterprises/:enterpriseId/inspections';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const inspection = enterprise.extend({ inspectionId: z.uuid() });
const invalid = refusal('invalid-request, invalid-enterprise-id');
const notFound = refusal('inspection-not-found');

export const inspectionRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: BASE,
    summary:
      "The enterprise's inspections, newest first (keyset pages): by status, and those whose inspected days " +
      'overlap from…to',
    tags: ['inspections'],
    params: enterprise,
    query: inspectionListQuery,
    responses: { 200: { description: 'A page of inspections', schema: inspectionListSchema }, 400: invalid },
  },
  {
    method: 'get',
    path: '/api/v1/inspections',
    summary:
      "The inspections of the caller's enterprises (an inspector's districts; all for city-wide roles), newest first",
    tags: ['inspections'],
    query: crossEnterpriseListQuery,
    responses: { 200: { description: 'A page of inspections', schema: inspectionListSchema }, 400: invalid },
  },
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/violations',
    summary:
      "Barrier control's violations at the enterprise's lanes (tailgating, cutting in, reversing, U-turns, opened without a decision), " +
      'newest first',
    tags: ['inspections'],
    params: enterprise,
    query: violationsQuery,
    responses: { 200: { description: 'The violations', schema: violationListSchema }, 400: invalid },
  },
  {
    method: 'post',
    path: BASE,
    summary:
      'Start an inspection of local days from…to: a sample reproducible from its seed (5–10 passages drawn uniformly, ' +
      '2–3 video windows of 5–10 minutes inside alert periods, else anywhere in the period); audited',
    tags: ['inspections'],
    params: enterprise,
    body: createInspectionSchema,
    responses: {
      201: { description: 'The inspection with its sample', schema: inspectionSchema },
      400: invalid,
    },
  },
  {
    method: 'get',
    path: `${BASE}/:inspectionId`,
    summary:
      'The inspection: each sampled passage with photos, clips, documents, stage and its source, completeness and ' +
      'missing fields, audit trail; each window with its playlist path, the passages inside it and its scan by the ' +
      'video archive (plates read in its frames, each matched to a passage or seen without one)',
    tags: ['inspections'],
    params: inspection,
    responses: {
      200: { description: 'The inspection', schema: inspectionSchema },
      400: invalid,
      404: notFound,
    },
  },
  {
    method: 'get',
    path: `${BASE}/:inspectionId/indicators`,
    summary:
      "The enterprise's indicators over the inspection's period: completeness rate, stage shares by trips and tonnes, " +
      'stage-source mix, average daily vehicles on alert and other days, camera outages against filings, violations, ' +
      'camera tampering (episodes, seconds, by camera) and loading-area anomalies by kind',
    tags: ['inspections'],
    params: inspection,
    responses: {
      200: { description: 'The indicators', schema: enterpriseIndicatorsSchema },
      400: invalid,
      404: notFound,
    },
  },
  {
    method: 'put',
    path: `${BASE}/:inspectionId/items/:itemId`,
    summary: 'Mark a sampled passage or window consistent or inconsistent (a note required); audited',
    tags: ['inspections'],
    params: inspection.extend({ itemId: z.uuid() }),
    body: markItemSchema,
    responses: {
      200: { description: 'The inspection', schema: inspectionSchema },
      400: invalid,
      404: refusal('inspection-not-found, inspection-item-not-found'),
      409: refusal('inspection-closed'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/:inspectionId/close`,
    summary: 'Close the inspection: no more marks; audited with the count of unmarked items',
    tags: ['inspections'],
    params: inspection,
    responses: {
      200: { description: 'The closed inspection', schema: inspectionSchema },
      400: invalid,
      404: notFound,
      409: refusal('inspection-closed'),
    },
  },
  ...evidencePackRoutes,
];
