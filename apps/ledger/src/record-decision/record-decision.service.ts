import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  parseEnterpriseId,
} from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { chainRecord } from '../chain/append-to-chain';
import { addPassageEvent } from '../outbox/passage-outbox';
import {
  type KnownVehicle,
  passageCompleteness,
  passageRecordedPayload,
  recordedStage,
} from '../passage/passage-ledger';
import { ensurePartition } from '../partitions/passage-partitions';
import { blankPassage } from '../passage/blank-passage';
import { type BoundedCapture, boundCaptureTime, type ClockDriftBounds } from './capture-time';
import { recordLedgerLag } from './ledger-lag.metrics';
import { PassageDecisionEntity } from '../passage/passage-decision.entity';
import { type DecisionReads, type PassageEntity, type PassagePhotos } from '../passage/passage.entity';
import { PassageRepository } from '../passage/passage.repository';
import { RefusedAttemptEntity } from '../passage/refused-attempt.entity';
import { refusedAttemptOf } from '../refused-attempts/refused-attempt-row';
import { decisionDoubts, reviewReasonsOf, reviewStateOf } from '../review/review-reasons';
import { VehicleRepository } from '../vehicle/vehicle.repository';
import { TenantRepository } from '@ecogate/persistence';

type Decision = PayloadOf<'gate.barrier.decided.v1'>;

export type RecordDecisionOutcome =
  'duplicate-event' | 'already-recorded' | 'refused' | 'opened' | 'closed' | 'exit-without-entry';

/** Only an allow, or any decision at a record-only lane (no barrier), is a vehicle passing. */
export const isPassage = (decision: Decision): boolean =>
  decision.verdict === 'allow' || decision.laneMode === 'record-only';

const photosOf = (decision: Decision): PassagePhotos => ({
  ...(decision.images.scene ? { vehicle: decision.images.scene } : {}),
  ...(decision.images.plate ? { plate: decision.images.plate } : {}),
});

/** The reads barrier control fused, kept for the reviewer; `null` when it sent none. */
const readsOf = (decision: Decision): DecisionReads | null =>
  decision.reads && (decision.reads.camera || decision.reads.server) ? decision.reads : null;

/**
 * Records a barrier decision in ledger A. The event claim, the passage row, the decision's claim
 * in `passage_decisions` and the outbox event commit in one transaction, so a redelivered decision changes nothing and publishes nothing.
 * A per-plate advisory lock orders an entry and an exit arriving on different lanes at once.
 */
export class RecordDecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: Logger,
    private readonly clockDrift?: ClockDriftBounds,
  ) {}

  /** The decision's capture time bounded against receipt; a clock not believed is logged. */
  private captureOf(decision: Decision, receivedAt: Date): BoundedCapture {
    const capture = boundCaptureTime(new Date(decision.capturedAt), receivedAt, this.clockDrift);
    if (capture.driftMs !== null) {
      this.log.warn(
        {
          decisionId: decision.decisionId,
          laneId: decision.lane.laneId,
          capturedAt: decision.capturedAt,
          driftMs: capture.driftMs,
        },
        'camera clock drift: passage recorded at receipt time',
      );
    }
    return capture;
  }

  async execute(
    event: EventEnvelope<'gate.barrier.decided.v1'>,
    context: EventContext,
  ): Promise<RecordDecisionOutcome> {
    const outcome = await this.record(event, context);
    recordLedgerLag(event.payload.decidedAt, outcome, new Date());
    return outcome;
  }

  private record(
    event: EventEnvelope<'gate.barrier.decided.v1'>,
    context: EventContext,
  ): Promise<RecordDecisionOutcome> {
    const decision = event.payload;
    const enterpriseId = parseEnterpriseId(decision.lane.enterpriseId);
    return this.dataSource.transaction(async (tx) => {
      if (!(await context.claim(tx))) return 'duplicate-event';
      if (!isPassage(decision)) return this.refuse(tx, enterpriseId, decision);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `${enterpriseId}|${decision.plate.text}`,
      ]);
      const claims = TenantRepository.of(tx, PassageDecisionEntity);
      if (await claims.exists(enterpriseId, { decisionId: decision.decisionId })) {
        this.log.debug({ decisionId: decision.decisionId }, 'decision already recorded');
        return 'already-recorded';
      }
      const known = await new VehicleRepository(tx).known(enterpriseId, decision.plate.text);
      const receivedAt = new Date();
      const capture = this.captureOf(decision, receivedAt);
      const { outcome, passage } =
        decision.lane.direction === 'in'
          ? await this.openPassage(
              tx,
              enterpriseId,
              decision,
              known,
              capture,
              receivedAt,
              event.correlationId,
            )
          : await this.closePassage(
              tx,
              enterpriseId,
              decision,
              known,
              capture,
              receivedAt,
              event.correlationId,
            );
      await claims.insert(enterpriseId, {
        decisionId: decision.decisionId,
        passageId: passage.id,
        direction: decision.lane.direction,
        capturedAt: passage.capturedAt,
      });
      return outcome;
    });
  }

  private async refuse(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    decision: Decision,
  ): Promise<'refused'> {
    const refusals = TenantRepository.of(tx, RefusedAttemptEntity);
    if (await refusals.exists(enterpriseId, { decisionId: decision.decisionId })) return 'refused';
    await refusals.insert(enterpriseId, { id: randomUUID(), ...refusedAttemptOf(decision) });
    return 'refused';
  }

  private async openPassage(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    decision: Decision,
    known: KnownVehicle | undefined,
    capture: BoundedCapture,
    receivedAt: Date,
    correlationId: string,
  ): Promise<{ outcome: 'opened'; passage: PassageEntity }> {
    const passage: PassageEntity = {
      ...newPassage(enterpriseId, decision, known, 'inside', capture.at, receivedAt),
      entryGateId: decision.lane.gateId,
      entryLaneId: decision.lane.laneId,
      entryCapturedAt: capture.at,
      entryClockDriftMs: capture.driftMs,
      entryDecisionId: decision.decisionId,
      entryVerdict: decision.verdict,
      entryReasons: [...decision.reasons],
      entryPhotos: photosOf(decision),
      entryReads: readsOf(decision),
    };
    await this.publishAndSave(tx, enterpriseId, passage, known, ['in'], correlationId, 'insert');
    return { outcome: 'opened', passage };
  }

  private async closePassage(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    decision: Decision,
    known: KnownVehicle | undefined,
    capture: BoundedCapture,
    receivedAt: Date,
    correlationId: string,
  ): Promise<{ outcome: 'closed' | 'exit-without-entry'; passage: PassageEntity }> {
    const passages = new PassageRepository(tx);
    const open = await passages.findOpenForUpdate(enterpriseId, decision.plate.text, capture.at);
    const exit = {
      exitGateId: decision.lane.gateId,
      exitLaneId: decision.lane.laneId,
      exitCapturedAt: capture.at,
      exitClockDriftMs: capture.driftMs,
      exitDecisionId: decision.decisionId,
      exitVerdict: decision.verdict,
      exitReasons: [...decision.reasons],
      exitPhotos: photosOf(decision),
      exitReads: readsOf(decision),
    };
    if (open) {
      const stage = open.stage
        ? { stage: open.stage, source: open.stageSource ?? 'inferred' }
        : recordedStage(known, decision.stage, new Date(decision.decidedAt));
      const closed: PassageEntity = {
        ...open,
        ...exit,
        state: 'completed',
        stage: stage?.stage ?? null,
        stageSource: stage?.source ?? null,
        // A doubtful exit of a passage a person already resolved puts it back in the queue.
        reviewState:
          open.reviewState === 'resolved' && decisionDoubts(decision.verdict, decision.reasons).length > 0
            ? null
            : open.reviewState,
        revision: open.revision + 1,
        updatedAt: new Date(),
      };
      await this.publishAndSave(tx, enterpriseId, closed, known, ['out'], correlationId, 'update');
      return { outcome: 'closed', passage: closed };
    }
    const orphan: PassageEntity = {
      ...newPassage(enterpriseId, decision, known, 'exit-without-entry', capture.at, receivedAt),
      ...exit,
    };
    await this.publishAndSave(tx, enterpriseId, orphan, known, ['out'], correlationId, 'insert');
    return { outcome: 'exit-without-entry', passage: orphan };
  }

  /** Scores the row, bumps the revision of each direction published, writes row and outbox events. */
  private async publishAndSave(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    passage: PassageEntity,
    known: KnownVehicle | undefined,
    directions: readonly ('in' | 'out')[],
    correlationId: string,
    mode: 'insert' | 'update',
  ): Promise<void> {
    const saved = await savePassage(tx, enterpriseId, passage, known, directions, correlationId, mode);
    if (saved.unpublished.length > 0) {
      this.log.info(
        { passageId: passage.id, directions: saved.unpublished },
        'passage recorded without event: emission stage unknown',
      );
    }
  }
}

/**
 * Shared by every write of a passage (the consumer, the clerk's completion, a review's resolution,
 * a manual entry, the registry's stage): computes completeness and the review state, publishes a
 * new revision of each given direction (when the stage is known) and writes the row.
 */
export async function savePassage(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  passage: PassageEntity,
  known: KnownVehicle | undefined,
  directions: readonly ('in' | 'out')[],
  correlationId: string | undefined,
  mode: 'insert' | 'update',
): Promise<{ row: PassageEntity; unpublished: ('in' | 'out')[] }> {
  const completeness = passageCompleteness(passage, known);
  const reviewReasons = reviewReasonsOf(passage);
  let row: PassageEntity = {
    ...passage,
    completeness: completeness.score,
    missingFields: [...completeness.missing],
    reviewReasons: reviewReasons.length > 0 ? reviewReasons : null,
    reviewState: reviewStateOf(passage.reviewState, reviewReasons),
  };
  const unpublished: ('in' | 'out')[] = [];
  for (const direction of directions) {
    const bumped: PassageEntity =
      direction === 'in'
        ? { ...row, entryRevision: row.entryRevision + 1 }
        : { ...row, exitRevision: row.exitRevision + 1 };
    const payload = passageRecordedPayload(bumped, direction, known);
    if (!payload) {
      unpublished.push(direction);
      continue;
    }
    await addPassageEvent(tx, payload, correlationId);
    row = bumped;
  }
  const repository = new PassageRepository(tx);
  const { enterpriseId: _tenant, id, ...values } = row;
  if (mode === 'insert') {
    // A decision can arrive for a month maintenance has not created (late or clock-skewed).
    await ensurePartition(tx, row.capturedAt);
    await repository.insert(enterpriseId, { id, ...values });
  } else {
    // By id alone (the PK's leading column in each partition): an equality on captured_at could
    // miss a row whose stored microseconds a JS Date cannot carry.
    const { capturedAt: _partitionKey, ...changes } = values;
    const changed = await repository.update(enterpriseId, { id }, changes);
    if (changed !== 1) throw new Error(`passage ${id} not updated (${changed} rows)`);
  }
  await chainRecord(
    tx,
    enterpriseId,
    mode === 'insert' ? 'passage-created' : 'passage-revised',
    { table: 'passages', id },
    row.capturedAt,
  );
  return { row, unpublished };
}

/** A passage row with neither side recorded yet: the caller fills the entry or the exit. */
function newPassage(
  enterpriseId: EnterpriseId,
  decision: Decision,
  known: KnownVehicle | undefined,
  state: 'inside' | 'exit-without-entry',
  capturedAt: Date,
  receivedAt: Date,
): PassageEntity {
  const stage = recordedStage(known, decision.stage, new Date(decision.decidedAt));
  return blankPassage({
    enterpriseId,
    siteId: decision.lane.siteId,
    plate: decision.plate.text,
    plateColour: decision.plate.colour || known?.vehicle.plateColour || 'unknown',
    state,
    capturedAt,
    receivedAt,
    stage,
  });
}
