import { objectRefSchema } from '@ecogate/contracts';
import { EMISSION_STAGES, EVIDENCE_SOURCES } from '@ecogate/domain';
import { z } from 'zod';
import { stageSharesSchema } from '../api/ledger-responses';

// The bodies of the inspection routes as JSON (instants are ISO strings); the int spec parses real answers with them.

const instant = z.iso.datetime({ offset: true });
const stage = z.enum(EMISSION_STAGES);
const verdict = z.enum(['consistent', 'inconsistent']);

const mark = {
  itemId: z.uuid(),
  /** Draw order within its kind, from 0. */
  position: z.number().int(),
  verdict: verdict.nullable(),
  note: z.string().nullable(),
  markedBy: z.string().nullable(),
  markedAt: instant.nullable(),
};

const sampledPassage = z.object({
  plate: z.string(),
  plateColour: z.string(),
  state: z.enum(['inside', 'completed', 'exit-without-entry']),
  entryCapturedAt: instant.nullable(),
  exitCapturedAt: instant.nullable(),
  entryGateId: z.string().nullable(),
  exitGateId: z.string().nullable(),
  manual: z.boolean(),
  stage: stage.nullable(),
  stageSource: z.enum(EVIDENCE_SOURCES).nullable(),
  completeness: z.number(),
  missingFields: z.array(z.string()),
  cargoName: z.string().nullable(),
  cargoTonnes: z.number().nullable(),
  fleet: z.string().nullable(),
  /** Gateway paths of the photo route (302 to a short-lived link). */
  photos: z.array(
    z.object({ side: z.enum(['entry', 'exit']), kind: z.enum(['scene', 'plate']), path: z.string() }),
  ),
  /** Gateway path of the video archive's clips of this passage. */
  clipsPath: z.string(),
  documents: z.array(
    z.object({
      kind: z.enum(['inventory-list', 'driving-licence']),
      document: objectRefSchema,
      path: z.string(),
    }),
  ),
  auditTrail: z.array(
    z.object({
      actor: z.string(),
      at: instant,
      action: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export const inspectionSchema = z.object({
  id: z.uuid(),
  enterpriseId: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.literal('Asia/Shanghai'),
  /** Pass it again (same period) to draw the same sample from the same ledger. */
  seed: z.string(),
  passagesRequested: z.number().int(),
  windowsRequested: z.number().int(),
  windowMinutes: z.number().int(),
  /** `alert`: the windows lie in alert periods; `period`: there was no alert long enough, so anywhere in the period. */
  windowPlacement: z.enum(['alert', 'period']),
  status: z.enum(['open', 'closed']),
  createdBy: z.string(),
  createdAt: instant,
  closedBy: z.string().nullable(),
  closedAt: instant.nullable(),
  marked: z.number().int(),
  inconsistent: z.number().int(),
  passages: z.array(
    z.object({
      ...mark,
      /** Any UUID form (imported ledgers carry ids of any version). */
      passageId: z.guid(),
      capturedAt: instant,
      /** `null` once retention dropped the passage. */
      passage: sampledPassage.nullable(),
    }),
  ),
  windows: z.array(
    z.object({
      ...mark,
      from: instant,
      until: instant,
      /** The video archive's HLS playlist of the window; `{cameraId}` is each of the enterprise's cameras. */
      playlistPathTemplate: z.string(),
      /** Passages with an entry or exit captured in the window. */
      passages: z.array(
        z.object({
          id: z.guid(),
          plate: z.string(),
          plateColour: z.string(),
          entryCapturedAt: instant.nullable(),
          entryLaneId: z.string().nullable(),
          exitCapturedAt: instant.nullable(),
          exitLaneId: z.string().nullable(),
          stage: stage.nullable(),
          manual: z.boolean(),
        }),
      ),
    }),
  ),
});

const sourceRecord = z.object({
  'platform-query': z.number(),
  document: z.number(),
  manual: z.number(),
  inferred: z.number(),
  unknown: z.number(),
});

export const enterpriseIndicatorsSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  trips: z.number().int(),
  completeness: z.object({
    rate: z.number().nullable(),
    complete: z.number().int(),
    average: z.number().nullable(),
  }),
  stageShares: stageSharesSchema,
  stageSources: z.object({ counts: sourceRecord, shares: sourceRecord }),
  dailyVehicles: z.object({
    alertDays: z.array(z.iso.date()),
    alertDayAverage: z.number().nullable(),
    otherDayCount: z.number().int(),
    otherDayAverage: z.number().nullable(),
  }),
});
