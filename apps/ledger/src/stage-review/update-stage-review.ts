import { compareEvidenceBySource, type StageEvidence } from '@ecogate/domain';
import { type EnterpriseId, type EntityManager, TenantRepository } from '@ecogate/persistence';
import { audit } from '../audit/audit';
import { reviewTransition, type ReviewTransition } from './review-transition';
import { type ReviewedSource, VehicleStageReviewEntity } from './vehicle-stage-review.entity';

/**
 * Compares the vehicle's evidence by source after a change and opens, updates or closes its
 * review (audited as `actor`, whose evidence caused it). In the caller's transaction, under the
 * plate's lock.
 */
export async function updateStageReview(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  vehicle: { readonly id: string; readonly plate: string },
  evidence: readonly StageEvidence[],
  actor: string,
  now: Date = new Date(),
): Promise<ReviewTransition> {
  const reviews = TenantRepository.of(tx, VehicleStageReviewEntity);
  const current = await reviews.findOne(enterpriseId, { vehicleId: vehicle.id });
  const comparison = compareEvidenceBySource(evidence);
  const transition = reviewTransition(current, comparison);
  if (transition === 'none') return transition;
  const sources: ReviewedSource[] = comparison.sources.map(({ source, stage, at }) => ({
    source,
    stage,
    at: at.toISOString(),
  }));
  const after =
    transition === 'agree'
      ? {
          state: 'resolved' as const,
          sources,
          resolvedBy: actor,
          resolvedAt: now,
          note: 'the sources agree again',
        }
      : transition === 'update'
        ? { sources }
        : { state: 'open' as const, sources, flaggedAt: now, resolvedBy: null, resolvedAt: null, note: null };
  if (current) await reviews.update(enterpriseId, { vehicleId: vehicle.id }, after);
  else
    await reviews.insert(enterpriseId, {
      vehicleId: vehicle.id,
      plate: vehicle.plate,
      state: 'open',
      sources,
      flaggedAt: now,
      resolvedBy: null,
      resolvedAt: null,
      note: null,
    });
  await audit(tx, enterpriseId, {
    actor,
    entityType: 'vehicle',
    entityId: vehicle.plate,
    action: `stage-review-${transition}`,
    before: current,
    after,
  });
  return transition;
}
