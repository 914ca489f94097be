import { randomUUID } from 'node:crypto';
import { type EmissionStage, type EvidenceSource } from '@ecogate/domain';
import { type EnterpriseId } from '@ecogate/persistence';
import { type PassageEntity } from './passage.entity';

/** What a new passage knows before either side is filled in. */
export interface BlankPassageFacts {
  readonly enterpriseId: EnterpriseId;
  readonly siteId: string;
  readonly plate: string;
  readonly plateColour: string;
  readonly state: 'inside' | 'exit-without-entry';
  /** The first capture: the partition key. */
  readonly capturedAt: Date;
  readonly receivedAt: Date;
  readonly stage: { readonly stage: EmissionStage; readonly source: EvidenceSource } | undefined;
}

/**
 * A passage row with neither side recorded yet (revision 1, nothing published, no review): the
 * intake and a manual entry fill the entry or the exit, and `savePassage` scores it.
 */
export function blankPassage(facts: BlankPassageFacts): PassageEntity {
  return {
    id: randomUUID(),
    enterpriseId: facts.enterpriseId,
    siteId: facts.siteId,
    plate: facts.plate,
    plateColour: facts.plateColour,
    state: facts.state,
    capturedAt: facts.capturedAt,
    receivedAt: facts.receivedAt,
    entryGateId: null,
    entryLaneId: null,
    entryCapturedAt: null,
    entryDecisionId: null,
    entryVerdict: null,
    entryReasons: null,
    entryPhotos: null,
    entryClockDriftMs: null,
    entryReads: null,
    entryManual: null,
    entryRevision: 0,
    exitGateId: null,
    exitLaneId: null,
    exitCapturedAt: null,
    exitDecisionId: null,
    exitVerdict: null,
    exitReasons: null,
    exitPhotos: null,
    exitClockDriftMs: null,
    exitReads: null,
    exitManual: null,
    exitRevision: 0,
    stage: facts.stage?.stage ?? null,
    stageSource: facts.stage?.source ?? null,
    cargoName: null,
    cargoTonnes: null,
    fleet: null,
    completeness: 0,
    missingFields: [],
    manual: false,
    reviewState: null,
    reviewReasons: null,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    revision: 1,
    updatedAt: new Date(),
  };
}
