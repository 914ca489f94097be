import { emergencyPlanViewResponseSchema, objectRefSchema } from '@ecogate/contracts';
import {
  ALERT_LEVELS,
  CLEAN_TRANSPORT_DEFINITIONS,
  EMISSION_STAGES,
  EVIDENCE_SOURCES,
  INDUSTRIES,
  PERFORMANCE_CLASSES,
  SETTLED_BY,
} from '@ecogate/domain';
import { type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { REVIEW_REASONS, REVIEW_STATES } from '../review/review-reasons';

// The bodies the ledger's routes answer with, as JSON (instants are ISO strings): the OpenAPI
// document declares them, so the console's generated client has real types. The integration
// specs parse real answers with them (`expectBody`), so they cannot drift from what is returned.

/** `CodedErrorFilter`'s body. */
export const errorSchema = z.object({ code: z.string(), reason: z.string(), errorId: z.string().optional() });
export const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });

const instant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
const stage = z.enum(EMISSION_STAGES);
const source = z.enum(EVIDENCE_SOURCES);

const photos = z.object({ vehicle: objectRefSchema.optional(), plate: objectRefSchema.optional() });
const decisionRead = z.object({
  text: z.string(),
  colour: z.string().optional(),
  confidence: z.number().optional(),
  verdict: z.enum(['trusted', 'needs-review']),
  /** The recogniser's own text, when what the site knows settled the read (`settledBy`). */
  rawText: z.string().optional(),
  /** `registry-corrected`: `text` is the one known plate the doubtful character was corrected to. */
  settledBy: z.enum(SETTLED_BY).optional(),
});
const manualSide = z.object({
  requestId: z.string(),
  requestHash: z.string(),
  by: z.string(),
  reason: z.string(),
  note: z.string().optional(),
  at: instant,
});
const reads = z.object({ camera: decisionRead.optional(), server: decisionRead.optional() });

/** One passage of ledger A (`GET passages/:id`, search items, review items, manual entries). */
export const passageSchema = z.object({
  id: z.uuid(),
  enterpriseId: z.string(),
  siteId: z.string(),
  plate: z.string(),
  plateColour: z.string(),
  state: z.enum(['inside', 'completed', 'exit-without-entry']),
  capturedAt: instant,
  receivedAt: instant,
  entryGateId: z.string().nullable(),
  entryLaneId: z.string().nullable(),
  entryCapturedAt: instant.nullable(),
  entryDecisionId: z.string().nullable(),
  entryVerdict: z.string().nullable(),
  entryReasons: z.array(z.string()).nullable(),
  entryPhotos: photos.nullable(),
  /** Camera time − recorded time when the camera's clock was not believed. */
  entryClockDriftMs: z.number().nullable(),
  /** The camera's and the server's reads behind the decision, when barrier control sent them. */
  entryReads: reads.nullable(),
  /** Who entered this side by hand, why and when (`POST passages/manual`). */
  entryManual: manualSide.nullable(),
  /** Revision of the side's published event; 0 while unpublished (stage unknown). */
  entryRevision: z.number().int(),
  exitGateId: z.string().nullable(),
  exitLaneId: z.string().nullable(),
  exitCapturedAt: instant.nullable(),
  exitDecisionId: z.string().nullable(),
  exitVerdict: z.string().nullable(),
  exitReasons: z.array(z.string()).nullable(),
  exitPhotos: photos.nullable(),
  /** Camera time − recorded time when the camera's clock was not believed. */
  exitClockDriftMs: z.number().nullable(),
  /** The camera's and the server's reads behind the decision, when barrier control sent them. */
  exitReads: reads.nullable(),
  /** Who entered this side by hand, why and when (`POST passages/manual`). */
  exitManual: manualSide.nullable(),
  /** Revision of the side's published event; 0 while unpublished (stage unknown). */
  exitRevision: z.number().int(),
  stage: stage.nullable(),
  stageSource: source.nullable(),
  cargoName: z.string().nullable(),
  cargoTonnes: z.number().nullable(),
  fleet: z.string().nullable(),
  completeness: z.number(),
  missingFields: z.array(z.string()),
  manual: z.boolean(),
  reviewState: z.enum(REVIEW_STATES).nullable(),
  reviewReasons: z.array(z.enum(REVIEW_REASONS)).nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: instant.nullable(),
  reviewNote: z.string().nullable(),
  revision: z.number().int(),
  updatedAt: instant,
});

/** `{items, nextCursor}`: pass `nextCursor` back as `cursor`; `null` on the last page. */
export const passagePageSchema = z.object({
  items: z.array(passageSchema),
  nextCursor: z.string().nullable(),
});

export const dailyStagesSchema = z.array(
  z.object({ day: localDate, stage: z.union([stage, z.literal('unknown')]), count: z.number().int() }),
);

const evidence = z.object({ stage, source, confirmedBy: z.string().optional(), at: instant });
/** A vehicle whose stage evidence disagrees between sources (each source's latest stage). */
export const stageReviewSchema = z.object({
  plate: z.string(),
  state: z.enum(['open', 'resolved']),
  sources: z.array(z.object({ source, stage, at: instant })),
  flaggedAt: instant,
  resolvedBy: z.string().nullable(),
  resolvedAt: instant.nullable(),
  note: z.string().nullable(),
});
export const vehicleViewSchema = z.object({
  vehicle: z.object({
    id: z.uuid(),
    plate: z.string(),
    plateColour: z.string(),
    vin: z.string().nullable(),
    engineNo: z.string().nullable(),
    disclosureNumber: z.string().nullable(),
    registrationDate: localDate.nullable(),
    category: z.string().nullable(),
    fuel: z.string().nullable(),
    fleet: z.string().nullable(),
    inventoryList: objectRefSchema.nullable(),
    drivingLicence: objectRefSchema.nullable(),
    updatedAt: instant,
  }),
  /** The deciding evidence (`strongestEvidence`), `null` when there is none. */
  stage: evidence.nullable(),
  /** Oldest first; `documentReadId`: the document read a piece came from (its proof). */
  evidence: z.array(evidence.extend({ documentReadId: z.uuid().optional() })),
  /** The sources' disagreement, when there was one; `null` when they never disagreed. */
  review: stageReviewSchema.nullable(),
});

export const documentSchema = objectRefSchema;
export const documentLinkSchema = z.object({ document: objectRefSchema, url: z.url(), expiresAt: instant });

export const inPlantVehicleSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  registrationDate: localDate.nullable(),
  vin: z.string().nullable(),
  engineNo: z.string().nullable(),
  emissionStage: stage.nullable(),
  stageSource: source.nullable(),
  inventoryList: objectRefSchema.nullable(),
  drivingLicence: objectRefSchema.nullable(),
  completeness: z.number(),
  missingFields: z.array(z.string()),
  updatedAt: instant,
});

export const machinerySchema = z.object({
  id: z.uuid(),
  registrationCode: z.string(),
  disclosureNumber: z.string().nullable(),
  productionDate: localDate.nullable(),
  emissionStage: stage.nullable(),
  stageSource: source.nullable(),
  machineCode: z.string().nullable(),
  machineType: z.string().nullable(),
  fuel: z.string().nullable(),
  owner: z.string().nullable(),
  engineNameplate: objectRefSchema.nullable(),
  machineNameplate: objectRefSchema.nullable(),
  environmentalLabel: objectRefSchema.nullable(),
  completeness: z.number(),
  missingFields: z.array(z.string()),
  updatedAt: instant,
});

export const alertLevelSchema = z.object({
  level: z.enum(ALERT_LEVELS),
  reason: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: instant.nullable(),
});

export const emergencyPlanViewSchema = emergencyPlanViewResponseSchema;

export const retentionPolicySchema = z.object({
  ledgerDays: z.number().int(),
  floorDays: z.number().int(),
  source: z.enum(['enterprise', 'default']),
});

const stageRecord = z.object(
  Object.fromEntries([...EMISSION_STAGES, 'unknown'].map((bucket) => [bucket, z.number()])) as Record<
    (typeof EMISSION_STAGES)[number] | 'unknown',
    z.ZodNumber
  >,
);
const ratio = z.object({ clean: z.number(), total: z.number(), ratio: z.number().nullable() });

export const stageSharesSchema = z.object({
  trips: z.object({ total: z.number(), counts: stageRecord, shares: stageRecord }),
  tonnes: z.object({
    total: z.number(),
    amounts: stageRecord,
    shares: stageRecord,
    tripsWithoutTonnes: z.number().int(),
  }),
});
const cleanTransportSchema = z.array(
  z.object({ definition: z.enum(CLEAN_TRANSPORT_DEFINITIONS), byTrips: ratio, byTonnes: ratio }),
);
const complianceStatus = z.enum(['met', 'not-met', 'no-data', 'no-threshold']);
const classComplianceSchema = z.object({
  performanceClass: z.enum(PERFORMANCE_CLASSES),
  industry: z.enum(INDUSTRIES),
  /** `directory`: the enterprise's record the ledger learnt from the gateway; `query`: the caller's override. */
  classSource: z.enum(['query', 'directory']),
  status: complianceStatus,
  indicators: z.array(
    z.object({
      metric: z.enum(CLEAN_TRANSPORT_DEFINITIONS),
      basis: z.enum(['trips', 'tonnes']),
      minimumShare: z.number(),
      source: z.string(),
      actual: z.number().nullable(),
      met: z.boolean().nullable(),
    }),
  ),
});

/** `GET statistics/summary`: libs/domain's statistics over the period's passages. */
export const statisticsSummarySchema = z.object({
  from: localDate,
  to: localDate,
  timeZone: z.literal('Asia/Shanghai'),
  trips: z.number().int(),
  stageShares: stageSharesSchema,
  daily: z.array(z.object({ day: localDate, trips: z.number().int() })),
  cleanTransport: cleanTransportSchema,
  /** `null` while the class is unknown: no directory record yet and none in the query. */
  classCompliance: classComplianceSchema.nullable(),
});

/** Several enterprises together: sums of their figures, shares and ratios of the sums. */
const areaFigures = {
  enterpriseCount: z.number().int(),
  trips: z.number().int(),
  stageShares: stageSharesSchema,
  cleanTransport: cleanTransportSchema,
  classComplianceCounts: z.object({
    met: z.number().int(),
    'not-met': z.number().int(),
    'no-data': z.number().int(),
    'no-threshold': z.number().int(),
  }),
};

/** `GET /api/v1/statistics/districts`: the city view, per district and per enterprise in it. */
export const districtStatisticsSchema = z.object({
  from: localDate,
  to: localDate,
  timeZone: z.literal('Asia/Shanghai'),
  districtCode: z.string().nullable(),
  total: z.object(areaFigures),
  districts: z.array(
    z.object({
      districtCode: z.string(),
      ...areaFigures,
      enterprises: z.array(
        z.object({
          enterpriseId: z.string(),
          name: z.string(),
          industry: z.enum(INDUSTRIES),
          performanceClass: z.enum(PERFORMANCE_CLASSES),
          active: z.boolean(),
          trips: z.number().int(),
          stageShares: stageSharesSchema,
          cleanTransport: cleanTransportSchema,
          classCompliance: classComplianceSchema,
        }),
      ),
    }),
  ),
});
