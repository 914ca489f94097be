import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { type StageLookupTrigger } from './stage-lookup.entity';

/**
 * Asks for a vehicle's stage lookup, in the caller's transaction: a new row or an answered one
 * goes back to `queued`, due now. A lookup already queued or retrying is left as it is: it is on
 * its way, and its `due_at` may be a replica's lease or the source's Retry-After.
 */
export async function queueStageLookup(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  vehicleId: string,
  trigger: StageLookupTrigger,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO "vehicle_stage_lookups" ("vehicle_id", "enterprise_id", "state", "trigger", "due_at", "requested_at")
     VALUES ($1, $2, 'queued', $3, $4, $4)
     ON CONFLICT ("vehicle_id") DO UPDATE
        SET "state" = 'queued', "trigger" = $3, "due_at" = $4, "requested_at" = $4, "attempts" = 0, "error" = NULL
      WHERE "vehicle_stage_lookups"."state" NOT IN ('queued', 'retrying')`,
    [vehicleId, enterpriseId, trigger, now],
  );
}
