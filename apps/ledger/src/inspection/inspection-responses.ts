import { LOADING_AREA_ANOMALY_KINDS, objectRefSchema } from '@ecogate/contracts';
import { EMISSION_STAGES, EVIDENCE_SOURCES } from '@ecogate/domain';
import { z } from 'zod';
import { stageReviewSchema, stageSharesSchema } from '../api/ledger-responses';
import { CHAIN_KINDS } from '../chain/chain-maths';

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
  /** The marker's display name then; `null` on items marked before names were kept. */
  markedByName: z.string().nullable(),
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
  /** The vehicle's stage evidence disagreement (each source's latest stage), `null` if it never had one. */
  stageReview: stageReviewSchema.nullable(),
});

/** A sampled passage's chain proof in short (the evidence pack's `chain/proof.json` holds it in full). */
const passageChainProof = z.object({
  /** The passage's own links, oldest first; empty when it was recorded before the chain began. */
  entries: z.array(z.object({ seq: z.number().int(), kind: z.enum(CHAIN_KINDS), hash: z.string() })),
  /** Links recomputed (SM3) from its first link to the root that covers its last, or the chain's head. */
  linksChecked: z.number().int(),
  /** Every checked link recomputes and points at the one before it. */
  linked: z.boolean(),
  /** The signed daily root covering its latest link; `null`: that day is not signed yet (today). */
  root: z
    .object({
      day: z.iso.date(),
      lastSeq: z.number().int(),
      lastHash: z.string(),
      keyId: z.string(),
      /** Matches the links and its signature verifies with the cluster's key; `null`: no key to check with. */
      verified: z.boolean().nullable(),
    })
    .nullable(),
  /** What fails, in words; empty when the proof holds. */
  problems: z.array(z.string()),
});

/** The system's own check of a window: the plates the video archive read in its frames, matched to passages. */
const windowScan = z.object({
  /** `requesting` until the archive accepted the scan (retried while it is unavailable). */
  status: z.enum(['requesting', 'queued', 'running', 'done', 'failed']),
  scanId: z.string().nullable(),
  progress: z.object({ framesDone: z.number().int(), framesTotal: z.number().int() }).nullable(),
  /** Why the scan failed, the archive's note while it runs, or why the archive cannot be reached (retried). */
  error: z.string().nullable(),
  /** Failed calls to the archive in a row. */
  failedCalls: z.number().int(),
  finishedAt: z.string().nullable(),
  /** A passage accounts for a sighting when its entry or exit lies within first…last seen ± this. */
  marginSeconds: z.number(),
  cameras: z.array(z.object({ cameraId: z.string(), videoSeconds: z.number(), gapSeconds: z.number() })),
  /** Cameras with no second of video in the window: a finding of its own. */
  camerasWithoutVideo: z.array(z.string()),
  sightings: z.array(
    z.object({
      plate: z.string(),
      cameraId: z.string(),
      firstSeenAt: z.string(),
      lastSeenAt: z.string(),
      frames: z.number().int(),
      bestConfidence: z.number(),
      trusted: z.boolean(),
      /** The best frame, as the archive serves it. */
      framePath: z.string(),
      /** The passage that accounts for it; `null`: none. */
      passageId: z.string().nullable(),
      finding: z.enum(['in-ledger', 'seen-without-passage', 'unsure']),
    }),
  ),
  /** Distinct plates read with trust and no passage. */
  seenWithoutPassage: z.number().int(),
  /** Distinct plates read without trust and no passage: check by eye. */
  unsure: z.number().int(),
  /** `all-seen-in-ledger` only when done, every camera had video and every plate has a passage. */
  finding: z.enum([
    'pending',
    'failed',
    'vehicles-without-passage',
    'unsure-reads',
    'no-video',
    'cameras-without-video',
    'all-seen-in-ledger',
  ]),
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
  /** Display names as the token carried them (the ids are the accounts); `null` on older inspections. */
  createdByName: z.string().nullable(),
  createdAt: instant,
  closedBy: z.string().nullable(),
  closedByName: z.string().nullable(),
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
      chainProof: passageChainProof,
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
      /** `null` when the ledger has no video archive: then `scanUnavailableReason` says so. */
      scan: windowScan.nullable(),
      scanUnavailableReason: z.enum(['video-archive-not-configured']).nullable(),
    }),
  ),
});

export const inspectionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      enterpriseId: z.string(),
      /** The directory's name of the enterprise; `null` while the ledger has not heard of it. */
      enterpriseName: z.string().nullable(),
      from: z.iso.date(),
      to: z.iso.date(),
      timeZone: z.literal('Asia/Shanghai'),
      seed: z.string(),
      status: z.enum(['open', 'closed']),
      createdBy: z.string(),
      createdByName: z.string().nullable(),
      createdAt: instant,
      closedBy: z.string().nullable(),
      closedByName: z.string().nullable(),
      closedAt: instant.nullable(),
      passages: z.number().int(),
      windows: z.number().int(),
      marked: z.number().int(),
      inconsistent: z.number().int(),
      /** Windows whose scan is not finished. */
      scanning: z.number().int(),
    }),
  ),
  /** Pass it back as `cursor` for the next page; `null` on the last page. */
  nextCursor: z.string().nullable(),
});

export const violationListSchema = z.object({
  items: z.array(
    z.object({
      violationId: z.string(),
      kind: z.string(),
      at: instant,
      siteId: z.string(),
      gateId: z.string(),
      laneId: z.string(),
      direction: z.enum(['in', 'out']),
      plate: z.string().nullable(),
      details: z.string(),
    }),
  ),
  /** More violations than `limit` in the period. */
  truncated: z.boolean(),
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
  /** Camera outages against filings (备案), from the video archive; `unavailable` (never zero) when it cannot answer. */
  outages: z.discriminatedUnion('status', [
    z.object({
      status: z.literal('available'),
      count: z.number().int(),
      seconds: z.number(),
      filed: z.number().int(),
      unfiled: z.number().int(),
      unfiledSeconds: z.number(),
      camerasUnfiled: z.array(z.string()),
    }),
    z.object({ status: z.literal('unavailable'), reason: z.string() }),
  ]),
  /** Barrier control's violations at the enterprise's lanes in the period. */
  violations: z.object({
    tailgating: z.number().int(),
    /** Another vehicle read ahead of one waiting for its barrier cycle (加塞). */
    cuttingIn: z.number().int(),
    reversing: z.number().int(),
    /** A vehicle read that left the capture zone without passing, neither released nor refused (掉头). */
    uTurn: z.number().int(),
    openedWithoutDecision: z.number().int(),
    /** Kinds added later (side gate, camera tamper) until the ledger names them. */
    other: z.number().int(),
    total: z.number().int(),
  }),
  /**
   * Camera tampering (moved, covered, blurred, too dark, frozen, or the camera's own alarm) over the
   * period, from the ledger's tamper episodes: an open one counts up to the period's end or now.
   */
  tampering: z.object({
    count: z.number().int(),
    seconds: z.number(),
    cameras: z.array(
      z.object({
        cameraId: z.string(),
        count: z.number().int(),
        seconds: z.number(),
        /** The view check's kinds, `camera-alarm` for the camera's own alarm. */
        kinds: z.array(z.string()),
      }),
    ),
    /** Episodes not over yet. */
    open: z.number().int(),
  }),
  /** The loading-area anomalies found in the period, by kind (docs/loading-areas.md). */
  loadingAreaAnomalies: z.object({
    byKind: z.record(z.enum(LOADING_AREA_ANOMALY_KINDS), z.number().int()),
    total: z.number().int(),
  }),
});
