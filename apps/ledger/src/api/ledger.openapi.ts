import { buildOpenApiDocument, type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { setAlertLevelSchema } from '../alert-level/alert-level.service';
import { completePassageSchema } from '../complete-passage/complete-passage.service';
import { emergencyPlanBodySchema } from '@ecogate/contracts';
import { inPlantNumberParam, upsertInPlantVehicleSchema } from '../in-plant/in-plant-vehicle.service';
import { registrationCodeParam, upsertMachinerySchema } from '../machinery/machinery.service';
import { setRetentionSchema } from '../retention/retention-policy.service';
import { DOCUMENT_KINDS } from '../vehicle-documents/vehicle-documents.service';
import { plateParam, upsertVehicleSchema } from '../vehicle-registry/vehicle-registry.service';
import { replayDeadLettersSchema } from '../dead-letters/dead-letter-replay.service';
import { exportRoutes } from '../export/export.openapi';
import { dailyQuery, passagesQuery } from './ledger.controller';
import { consoleRoutes } from './console.openapi';
import { districtStatisticsRoutes } from '../statistics/district-statistics.openapi';
import { alertViewRoutes } from '../alert-view/alert-view.openapi';
import { refusedAttemptRoutes } from '../refused-attempts/refused-attempts.openapi';
import { inspectionRoutes } from '../inspection/inspection.openapi';
import { chainRoutes } from '../chain/chain.openapi';
import { stageLookupRoutes } from '../stage-lookup/stage-lookup.openapi';
import { documentReadRoutes } from '../document-reads/document-reads.openapi';
import { knownPlatesRoutes } from '../known-plates/known-plates.openapi';
import { loadingAreaRoutes } from '../loading-areas/loading-areas.openapi';
import { tamperEpisodeRoutes } from '../camera-status/tamper-episodes.openapi';
import {
  alertLevelSchema,
  dailyStagesSchema,
  documentLinkSchema,
  documentSchema,
  emergencyPlanViewSchema,
  inPlantVehicleSchema,
  machinerySchema,
  passagePageSchema,
  passageSchema,
  refusal,
  retentionPolicySchema,
  vehicleViewSchema,
} from './ledger-responses';

const BASE = '/api/v1/enterprises/:enterpriseId';
const enterprise = z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') });
const vehicle = enterprise.extend({ plate: plateParam });
const ok = (description: string, schema: z.ZodType): Readonly<Record<number, RouteResponse>> => ({
  200: { description, schema },
  400: refusal('invalid-request, invalid-enterprise-id'),
});

const routes: RouteDescriptor[] = [
  {
    method: 'get',
    path: `${BASE}/passages`,
    summary: 'Search the passage ledger (keyset pages, newest first)',
    tags: ['passages'],
    params: enterprise,
    query: passagesQuery,
    responses: ok('`{items, nextCursor}`', passagePageSchema),
  },
  {
    method: 'get',
    path: `${BASE}/passages/:passageId`,
    summary: 'One passage with its decisions',
    tags: ['passages'],
    params: enterprise.extend({ passageId: z.uuid() }),
    responses: { ...ok('The passage', passageSchema), 404: refusal('passage-not-found') },
  },
  {
    method: 'patch',
    path: `${BASE}/passages/:passageId`,
    summary: 'Complete a passage (cargo, fleet) by a clerk, optimistic on the revision',
    tags: ['passages'],
    params: enterprise.extend({ passageId: z.uuid() }),
    body: completePassageSchema,
    responses: {
      ...ok('The updated passage', passageSchema),
      404: refusal('passage-not-found'),
      409: refusal('revision-conflict'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/statistics/daily-stages`,
    summary: 'Passages per local day (Asia/Shanghai) and emission stage',
    tags: ['statistics'],
    params: enterprise,
    query: dailyQuery,
    responses: ok('Counts per day and stage', dailyStagesSchema),
  },
  {
    method: 'get',
    path: `${BASE}/vehicles/:plate`,
    summary: 'A registered vehicle',
    tags: ['vehicles'],
    params: vehicle,
    responses: { ...ok('The vehicle', vehicleViewSchema), 404: refusal('vehicle-not-found') },
  },
  {
    method: 'put',
    path: `${BASE}/vehicles/:plate`,
    summary: 'Register or update a vehicle (audited)',
    tags: ['vehicles'],
    params: vehicle,
    body: upsertVehicleSchema,
    responses: ok('The vehicle', vehicleViewSchema),
  },
  {
    method: 'put',
    path: `${BASE}/vehicles/:plate/documents/:kind`,
    summary: 'Attach a document: the file is the raw body (any content type; its signature decides)',
    tags: ['vehicles'],
    params: vehicle.extend({ kind: z.enum(DOCUMENT_KINDS) }),
    responses: {
      ...ok('The stored document', documentSchema),
      413: refusal('document-too-large'),
      415: refusal('unsupported-document-type'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/vehicles/:plate/documents/:kind`,
    summary: 'A short-lived download link of a document',
    tags: ['vehicles'],
    params: vehicle.extend({ kind: z.enum(DOCUMENT_KINDS) }),
    responses: { ...ok('The link', documentLinkSchema), 404: refusal('document-not-found') },
  },
  {
    method: 'get',
    path: `${BASE}/in-plant-vehicles`,
    summary: 'Ledger B: in-plant vehicles',
    tags: ['in-plant'],
    params: enterprise,
    responses: ok('The vehicles', z.array(inPlantVehicleSchema)),
  },
  {
    method: 'get',
    path: `${BASE}/in-plant-vehicles/:number`,
    summary: 'Ledger B: one in-plant vehicle',
    tags: ['in-plant'],
    params: enterprise.extend({ number: inPlantNumberParam }),
    responses: { ...ok('The vehicle', inPlantVehicleSchema), 404: refusal('in-plant-vehicle-not-found') },
  },
  {
    method: 'put',
    path: `${BASE}/in-plant-vehicles/:number`,
    summary: 'Ledger B: register or update an in-plant vehicle (audited)',
    tags: ['in-plant'],
    params: enterprise.extend({ number: inPlantNumberParam }),
    body: upsertInPlantVehicleSchema,
    responses: ok('The vehicle', inPlantVehicleSchema),
  },
  {
    method: 'get',
    path: `${BASE}/machinery`,
    summary: 'Ledger C: non-road mobile machinery',
    tags: ['machinery'],
    params: enterprise,
    responses: ok('The machinery', z.array(machinerySchema)),
  },
  {
    method: 'get',
    path: `${BASE}/machinery/:code`,
    summary: 'Ledger C: one machine by registration code',
    tags: ['machinery'],
    params: enterprise.extend({ code: registrationCodeParam }),
    responses: { ...ok('The machine', machinerySchema), 404: refusal('machinery-not-found') },
  },
  {
    method: 'put',
    path: `${BASE}/machinery/:code`,
    summary: 'Ledger C: register or update a machine (audited)',
    tags: ['machinery'],
    params: enterprise.extend({ code: registrationCodeParam }),
    body: upsertMachinerySchema,
    responses: ok('The machine', machinerySchema),
  },
  {
    method: 'get',
    path: `${BASE}/alert-level`,
    summary: 'The current heavy-pollution alert level',
    tags: ['emergency'],
    params: enterprise,
    responses: ok('The alert level', alertLevelSchema),
  },
  {
    method: 'put',
    path: `${BASE}/alert-level`,
    summary: 'Set the alert level (audited)',
    tags: ['emergency'],
    params: enterprise,
    body: setAlertLevelSchema,
    responses: ok('The alert level', alertLevelSchema),
  },
  {
    method: 'get',
    path: `${BASE}/emergency-plan`,
    summary: "The enterprise's emergency plan",
    tags: ['emergency'],
    params: enterprise,
    responses: { ...ok('The plan', emergencyPlanViewSchema), 404: refusal('emergency-plan-not-found') },
  },
  {
    method: 'put',
    path: `${BASE}/emergency-plan`,
    summary: 'Replace the emergency plan (audited)',
    tags: ['emergency'],
    params: enterprise,
    body: emergencyPlanBodySchema,
    responses: { ...ok('The plan', emergencyPlanViewSchema), 409: refusal('revision-conflict') },
  },
  {
    method: 'get',
    path: `${BASE}/retention-policy`,
    summary: 'How long ledger records are kept',
    tags: ['retention'],
    params: enterprise,
    responses: ok('The policy', retentionPolicySchema),
  },
  {
    method: 'put',
    path: `${BASE}/retention-policy`,
    summary: 'Set the retention (never below the legal floor, never above the ten-year ceiling)',
    tags: ['retention'],
    params: enterprise,
    body: setRetentionSchema,
    responses: {
      ...ok('The policy', retentionPolicySchema),
      400: refusal('invalid-request, invalid-enterprise-id, below-retention-floor, above-retention-ceiling'),
    },
  },
  {
    method: 'get',
    path: '/health',
    summary: "Liveness and the intake consumer's state (503 `degraded` while it waits for the database)",
    tags: ['operations'],
    responses: {
      200: { description: '`{status: ok, intake}`' },
      503: { description: '`{status: degraded, intake}`' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/operations/dead-letters',
    summary: "The intake group's dead letters with their cause, and whether each was replayed",
    tags: ['operations'],
    responses: { 200: { description: '`{items: [{id, record, replayed?}]}`' } },
  },
  {
    method: 'post',
    path: '/api/v1/operations/dead-letters/replay',
    summary: 'Re-publish chosen dead letters to their original topic, once each (audited)',
    tags: ['operations'],
    body: replayDeadLettersSchema,
    responses: {
      200: { description: '`{replayed: [{deadLetterId, operator, reason, at…}], skipped: [{id, why}]}`' },
      400: refusal('invalid-request'),
    },
  },
  ...consoleRoutes,
  ...districtStatisticsRoutes,
  ...alertViewRoutes,
  ...exportRoutes,
  ...refusedAttemptRoutes,
  ...inspectionRoutes,
  ...chainRoutes,
  ...stageLookupRoutes,
  ...documentReadRoutes,
  ...knownPlatesRoutes,
  ...loadingAreaRoutes,
  ...tamperEpisodeRoutes,
];

/** The ledger's REST API, served at `GET /openapi.json`. */
export const ledgerOpenApi = buildOpenApiDocument(
  { title: 'Ecogate ledger', version: '1', description: 'Passage ledger, vehicles, alert level, plans' },
  routes,
);
