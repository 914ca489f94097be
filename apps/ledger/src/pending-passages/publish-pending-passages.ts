import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { type KnownVehicle, recordedStage } from '../passage/passage-ledger';
import { type PassageEntity } from '../passage/passage.entity';
import { PassageRepository } from '../passage/passage.repository';
import { savePassage } from '../record-decision/record-decision.service';

/**
 * Passages stored while the vehicle's stage was unknown were never published (the contract
 * requires `emissionStage`). Once the registry has stage evidence, this re-scores them and
 * publishes the next revision of each recorded direction, in the caller's transaction (the
 * caller holds the plate's advisory lock, as the intake does). Returns the passage ids.
 */
export async function publishPendingPassages(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  plate: string,
  known: KnownVehicle,
): Promise<string[]> {
  const stage = recordedStage(known, undefined, new Date());
  if (!stage) return [];
  const pending = await new PassageRepository(tx)
    .scopedQueryBuilder(enterpriseId, 'p')
    .andWhere('p.plate = :plate', { plate })
    .andWhere('p.stage IS NULL')
    .orderBy('p.capturedAt', 'ASC')
    .setLock('pessimistic_write')
    .getMany();
  for (const passage of pending) {
    const scored: PassageEntity = {
      ...passage,
      stage: stage.stage,
      stageSource: stage.source,
      revision: passage.revision + 1,
      updatedAt: new Date(),
    };
    const directions = [
      ...(passage.entryCapturedAt ? (['in'] as const) : []),
      ...(passage.exitCapturedAt ? (['out'] as const) : []),
    ];
    await savePassage(tx, enterpriseId, scored, known, directions, undefined, 'update');
  }
  return pending.map((passage) => passage.id);
}
