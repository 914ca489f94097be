import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { type StageLookupTrigger } from './stage-lookup.entity';

/**
 * Asks for a vehicle's stage lookup, in the caller's transaction: a new row or an answered one
 * goes back to `queued`, due now. A lookup already queued or retrying keeps its `due_at` (a
 * replica's lease or the source's Retry-After) but takes the new `requested_at`: a lookup in
 * flight then sees it was asked again (a VIN corrected meanwhile) and queues itself once more.
 */
export async function queueStageLookup(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  vehicleId: string,
  trigger: StageLookupTrigger,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO "vehicle_stage_lookups" AS l ("vehicle_id", "enterprise_id", "state", "trigger", "due_at", "requested_at")
     VALUES ($1, $2, 'queued', $3, $4, $4)
     ON CONFLICT ("vehicle_id") DO UPDATE
        SET "trigger" = $3, "requested_at" = $4,
            "state" = CASE WHEN l."state" IN ('queued', 'retrying') THEN l."state" ELSE 'queued' END,
            "due_at" = CASE WHEN l."state" IN ('queued', 'retrying') THEN l."due_at" ELSE $4 END,
            "attempts" = CASE WHEN l."state" IN ('queued', 'retrying') THEN l."attempts" ELSE 0 END,
            "error" = CASE WHEN l."state" IN ('queued', 'retrying') THEN l."error" ELSE NULL END`,
    [vehicleId, enterpriseId, trigger, now],
  );
}
