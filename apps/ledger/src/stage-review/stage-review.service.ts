import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { lockPlate } from '../vehicle/add-stage-evidence';
import { stageReviewView, type StageReviewView } from './stage-review-view';
import { VehicleStageReviewEntity } from './vehicle-stage-review.entity';

export const stageReviewsQuery = z.strictObject({
  state: z.enum(['open', 'resolved']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type StageReviewsQuery = z.infer<typeof stageReviewsQuery>;

export const resolveStageReviewSchema = z.strictObject({
  /** What the person found (which source was wrong, what was done): kept with the review and audited. */
  note: z.string().trim().min(1).max(500),
});

/** Vehicles whose stage evidence disagrees between sources: the list, and a person's resolution. */
export class StageReviewService {
  constructor(private readonly dataSource: DataSource) {}

  async list(enterpriseId: EnterpriseId, query: StageReviewsQuery): Promise<{ items: StageReviewView[] }> {
    const rows = await TenantRepository.of(this.dataSource, VehicleStageReviewEntity).find(enterpriseId, {
      where: { state: query.state },
      order: { flaggedAt: 'DESC', plate: 'ASC' },
      take: query.limit,
    });
    return { items: rows.map(stageReviewView) };
  }

  /**
   * A person looked at the disagreement (audited). The evidence stays as it is (rows are only
   * added); a correction is new evidence (`PUT vehicles/:plate`), which reopens the review only if
   * the sources then disagree differently.
   */
  async resolve(
    enterpriseId: EnterpriseId,
    plate: string,
    note: string,
    actor: string,
  ): Promise<StageReviewView> {
    return this.dataSource.transaction(async (tx) => {
      await lockPlate(tx, enterpriseId, plate);
      const reviews = TenantRepository.of(tx, VehicleStageReviewEntity);
      const before = await reviews.findOne(enterpriseId, { plate });
      if (!before)
        throw new LedgerException('stage-review-not-found', `vehicle ${plate} has no stage review`);
      if (before.state !== 'open') {
        throw new LedgerException(
          'stage-review-not-open',
          `the stage review of ${plate} is already resolved`,
        );
      }
      const after = { state: 'resolved' as const, resolvedBy: actor, resolvedAt: new Date(), note };
      await reviews.update(enterpriseId, { vehicleId: before.vehicleId }, after);
      await audit(tx, enterpriseId, {
        actor,
        entityType: 'vehicle',
        entityId: plate,
        action: 'stage-review-resolve',
        before,
        after,
      });
      return stageReviewView({ ...before, ...after });
    });
  }
}
