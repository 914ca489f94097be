import { randomUUID } from 'node:crypto';
import { type EmissionStage, type EvidenceSource } from '@ecogate/domain';
import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { chainRecord } from '../chain/append-to-chain';
import { publishPendingPassages } from '../pending-passages/publish-pending-passages';
import { updateStageReview } from '../stage-review/update-stage-review';
import { type ReviewTransition } from '../stage-review/review-transition';
import { type VehicleStageEvidenceEntity } from './vehicle-stage-evidence.entity';
import { VehicleRepository } from './vehicle.repository';

export interface NewStageEvidence {
  readonly stage: EmissionStage;
  readonly source: EvidenceSource;
  readonly confirmedBy: string | null;
}

export interface AddedStageEvidence {
  readonly evidence: VehicleStageEvidenceEntity;
  /** The plate's passages held back for an unknown stage and now published. */
  readonly published: string[];
  /** What the evidence did to the vehicle's review (sources that disagree). */
  readonly review: ReviewTransition;
}

/**
 * THE write of stage evidence, whatever its source (a person's `PUT vehicles/:plate`, a document
 * read, a confirmed licence's inference, a platform query): the row is added (never changed) and
 * chained, the plate's held-back passages are published, and the sources are compared again so a
 * disagreement flags the vehicle for review. In the caller's transaction, which holds the plate's
 * advisory lock (`${enterpriseId}|${plate}`) and writes its own audit row.
 */
export async function addStageEvidence(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  vehicle: { readonly id: string; readonly plate: string },
  piece: NewStageEvidence,
  actor: string,
  now: Date = new Date(),
): Promise<AddedStageEvidence> {
  const vehicles = new VehicleRepository(tx);
  const evidence: VehicleStageEvidenceEntity = {
    id: randomUUID(),
    enterpriseId,
    vehicleId: vehicle.id,
    stage: piece.stage,
    source: piece.source,
    confirmedBy: piece.confirmedBy,
    at: now,
  };
  const { enterpriseId: _tenant, ...row } = evidence;
  await vehicles.evidence(tx).insert(enterpriseId, row);
  await chainRecord(tx, enterpriseId, 'stage-evidence', { table: 'vehicle_stage_evidence', id: evidence.id });
  const known = await vehicles.known(enterpriseId, vehicle.plate);
  if (!known) throw new Error(`vehicle ${vehicle.plate} vanished while its evidence was written`);
  const published = await publishPendingPassages(tx, enterpriseId, vehicle.plate, known);
  const review = await updateStageReview(tx, enterpriseId, vehicle, known.evidence, actor, now);
  return { evidence, published, review };
}

/** The advisory lock every write of a vehicle takes first (the intake takes the same). */
export async function lockPlate(tx: EntityManager, enterpriseId: EnterpriseId, plate: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|${plate}`]);
}
