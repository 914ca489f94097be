import { type ObjectRef } from '@ecogate/contracts';
import { type AuditLogEntity } from '../audit/audit-log.entity';
import { type PassageEntity } from '../passage/passage.entity';
import { PHOTO_KINDS, PHOTO_SIDES } from '../photos/passage-photos.service';
import { STATISTICS_TIME_ZONE } from '../statistics/statistics-summary.service';
import { type VehicleEntity } from '../vehicle/vehicle.entity';
import { stageReviewView } from '../stage-review/stage-review-view';
import { type VehicleStageReviewEntity } from '../stage-review/vehicle-stage-review.entity';
import { type InspectionEntity, type InspectionItemEntity } from './inspection.entity';
import { type PassageChainProof } from './passage-chain-proof';
import { type PassageTimes } from './window-findings';
import { windowScanView } from './window-scan-view';

/** What the ledger holds for one sampled passage. */
export interface PassageEvidence {
  /** `null` once retention dropped the passage. */
  readonly passage: PassageEntity | null;
  readonly vehicle: VehicleEntity | null;
  /** The audit log of manual changes to the passage (completion, review, manual entry). */
  readonly trail: readonly AuditLogEntity[];
  /** The vehicle's stage disagreement between evidence sources, if it ever had one. */
  readonly stageReview?: VehicleStageReviewEntity | null;
}

/** A passage item as the service writes it: its passage id and capture time are set. */
export type PassageItem = InspectionItemEntity & {
  readonly passageId: string;
  readonly passageCapturedAt: Date;
};
/** A window item: its range is set. */
export type WindowItem = InspectionItemEntity & { readonly windowFrom: Date; readonly windowUntil: Date };

export const isPassageItem = (item: InspectionItemEntity): item is PassageItem =>
  item.kind === 'passage' && item.passageId !== null && item.passageCapturedAt !== null;
export const isWindowItem = (item: InspectionItemEntity): item is WindowItem =>
  item.kind === 'window' && item.windowFrom !== null && item.windowUntil !== null;

// Links are the gateway's paths the console already calls (the ledger's and the video archive's APIs).
const LEDGER = '/api/ledger/v1/enterprises';
const VIDEO = '/api/video-archive/v1/enterprises';
const enc = encodeURIComponent;

const NO_PROOF: PassageChainProof = { entries: [], linksChecked: 0, linked: false, root: null, problems: [] };

const mark = (item: InspectionItemEntity) => ({
  itemId: item.id,
  position: item.position,
  verdict: item.verdict,
  note: item.note,
  markedBy: item.markedBy,
  markedByName: item.markedByName,
  markedAt: item.markedAt,
});

/** The browser links of the photos the passage has (`GET passages/:id/photos/:side/:kind`). */
function photoLinks(passage: PassageEntity) {
  return PHOTO_SIDES.flatMap((side) => {
    const photos = side === 'entry' ? passage.entryPhotos : passage.exitPhotos;
    return PHOTO_KINDS.filter((kind) => (kind === 'scene' ? photos?.vehicle : photos?.plate)).map((kind) => ({
      side,
      kind,
      path: `${LEDGER}/${enc(passage.enterpriseId)}/passages/${passage.id}/photos/${side}/${kind}`,
    }));
  });
}

function documents(vehicle: VehicleEntity | null) {
  if (!vehicle) return [];
  const held: [string, ObjectRef | null][] = [
    ['inventory-list', vehicle.inventoryList],
    ['driving-licence', vehicle.drivingLicence],
  ];
  return held.flatMap(([kind, document]) =>
    document
      ? [
          {
            kind,
            document,
            path: `${LEDGER}/${enc(vehicle.enterpriseId)}/vehicles/${enc(vehicle.plate)}/documents/${kind}`,
          },
        ]
      : [],
  );
}

function sampledPassage(passage: PassageEntity, evidence: PassageEvidence) {
  return {
    plate: passage.plate,
    plateColour: passage.plateColour,
    state: passage.state,
    entryCapturedAt: passage.entryCapturedAt,
    exitCapturedAt: passage.exitCapturedAt,
    entryGateId: passage.entryGateId,
    exitGateId: passage.exitGateId,
    manual: passage.manual,
    stage: passage.stage,
    stageSource: passage.stageSource,
    // The ledger's own completeness (computed when the passage is written), not recomputed here.
    completeness: passage.completeness,
    missingFields: passage.missingFields,
    cargoName: passage.cargoName,
    cargoTonnes: passage.cargoTonnes,
    fleet: passage.fleet,
    photos: photoLinks(passage),
    clipsPath: `${VIDEO}/${enc(passage.enterpriseId)}/passages/${passage.id}/clips`,
    documents: documents(evidence.vehicle),
    // The inspector re-determines stages: sources that disagree are shown with each one's stage.
    stageReview: evidence.stageReview ? stageReviewView(evidence.stageReview) : null,
    auditTrail: evidence.trail.map((row) => ({
      actor: row.actor,
      at: row.at,
      action: row.action,
      before: row.before,
      after: row.after,
    })),
  };
}

/** The inspection as the API answers it: each sampled passage with its evidence, each window with its passages. */
export function inspectionView(
  inspection: InspectionEntity,
  passageItems: readonly PassageItem[],
  windowItems: readonly WindowItem[],
  evidence: ReadonlyMap<string, PassageEvidence>,
  /** Each sampled passage's chain proof, by passage id. */
  chainProofs: ReadonlyMap<string, PassageChainProof>,
  windowPassages: ReadonlyMap<string, readonly PassageEntity[]>,
  /** Whether the ledger reaches a video archive, and per window the passages its scan's plates are matched to. */
  scans: {
    readonly archiveConfigured: boolean;
    readonly passages: ReadonlyMap<string, readonly PassageTimes[]>;
  },
) {
  const e = enc(inspection.enterpriseId);
  const items = [...passageItems, ...windowItems];
  return {
    id: inspection.id,
    enterpriseId: inspection.enterpriseId,
    from: inspection.fromDate,
    to: inspection.toDate,
    timeZone: STATISTICS_TIME_ZONE,
    seed: inspection.seed,
    passagesRequested: inspection.passagesRequested,
    windowsRequested: inspection.windowsRequested,
    windowMinutes: inspection.windowMinutes,
    windowPlacement: inspection.windowPlacement,
    status: inspection.status,
    createdBy: inspection.createdBy,
    createdByName: inspection.createdByName,
    createdAt: inspection.createdAt,
    closedBy: inspection.closedBy,
    closedByName: inspection.closedByName,
    closedAt: inspection.closedAt,
    marked: items.filter((item) => item.verdict !== null).length,
    inconsistent: items.filter((item) => item.verdict === 'inconsistent').length,
    passages: passageItems.map((item) => {
      const found = evidence.get(item.passageId);
      return {
        ...mark(item),
        passageId: item.passageId,
        capturedAt: item.passageCapturedAt,
        passage: found?.passage ? sampledPassage(found.passage, found) : null,
        chainProof: chainProofs.get(item.passageId) ?? NO_PROOF,
      };
    }),
    windows: windowItems.map((item) => {
      const from = item.windowFrom.toISOString();
      const until = item.windowUntil.toISOString();
      return {
        ...mark(item),
        from,
        until,
        // The ledger does not know the cameras: the console fills in each of the enterprise's cameras.
        playlistPathTemplate: `${VIDEO}/${e}/cameras/{cameraId}/playlist.m3u8?from=${enc(from)}&to=${enc(until)}`,
        passages: (windowPassages.get(item.id) ?? []).map((p) => ({
          id: p.id,
          plate: p.plate,
          plateColour: p.plateColour,
          entryCapturedAt: p.entryCapturedAt,
          entryLaneId: p.entryLaneId,
          exitCapturedAt: p.exitCapturedAt,
          exitLaneId: p.exitLaneId,
          stage: p.stage,
          manual: p.manual,
        })),
        ...windowScanView(item, scans.passages.get(item.id) ?? [], scans.archiveConfigured),
      };
    }),
  };
}
export type InspectionView = ReturnType<typeof inspectionView>;
