import { randomUUID } from 'node:crypto';
import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  TenantRepository,
} from '@ecogate/persistence';
import { DeliveryEntity } from './delivery.entity';
import { type DeliveryState, statesAccepting } from './delivery-state';

export interface ClaimedBatch {
  readonly token: string;
  readonly rows: DeliveryEntity[];
}

export interface NewDelivery {
  readonly serial: string;
  readonly passage: LedgerPassageRecordedV1;
}

const COLUMNS = `"serial", "enterprise_id" AS "enterpriseId", "passage_id" AS "passageId", "direction",
  "revision", "captured_at" AS "capturedAt", "passage", "overrides", "state", "attempts",
  "next_attempt_at" AS "nextAttemptAt", "last_error" AS "lastError", "rejection_reason" AS "rejectionReason"`;

/** SQL list of the states an event may leave from (constants only, never user input). */
const from = (...events: Parameters<typeof statesAccepting>[0][]): string =>
  [...new Set(events.flatMap((event) => statesAccepting(event)))].map((s) => `'${s}'`).join(', ');

/**
 * Delivery rows. Tenant-scoped reads and writes come from `TenantRepository`; the dispatcher's
 * claim and outcome updates are raw SQL because they need row locks and guards on the state.
 */
export class DeliveryRepository extends TenantRepository<DeliveryEntity> {
  constructor(private readonly dataSource: DataSource) {
    super(DeliveryEntity, dataSource.manager);
  }

  /**
   * Inserts the delivery in the caller's transaction; `false` when the serial exists already.
   * An older revision of the same passage direction still waiting or rejected is superseded, so
   * only the latest correction of the ledger is sent.
   */
  async insertNew(tx: EntityManager, enterpriseId: EnterpriseId, delivery: NewDelivery): Promise<boolean> {
    const { passage } = delivery;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO "upload_deliveries"
         ("serial", "enterprise_id", "passage_id", "direction", "revision", "captured_at", "passage")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("serial") DO NOTHING
       RETURNING "serial"`,
      [
        delivery.serial,
        enterpriseId,
        passage.passageId,
        passage.direction,
        passage.revision,
        passage.capturedAt,
        passage,
      ],
    );
    if (inserted.length === 0) return false;
    await tx.query(
      `UPDATE "upload_deliveries"
         SET "state" = 'dead', "last_error" = $5, "updated_at" = now()
       WHERE "enterprise_id" = $1 AND "passage_id" = $2 AND "direction" = $3 AND "revision" < $4
         AND "state" IN (${from('superseded')})`,
      [
        enterpriseId,
        passage.passageId,
        passage.direction,
        passage.revision,
        `superseded by revision ${passage.revision}`,
      ],
    );
    return true;
  }

  /** Enterprises with a record due now (pending and due, or in flight with an expired lease). */
  async enterprisesWithDueWork(): Promise<string[]> {
    const rows: { enterprise_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT "enterprise_id" FROM "upload_deliveries"
       WHERE ("state" = 'pending' AND "next_attempt_at" <= now())
          OR ("state" = 'in-flight' AND "locked_until" < now())`,
    );
    return rows.map((row) => row.enterprise_id);
  }

  /**
   * Claims the enterprise's oldest records (capture order) for one send, under a lease. The
   * per-enterprise advisory lock serialises claims across replicas, a claim is refused while
   * another batch of the enterprise is in flight (so batches cannot overtake each other), and
   * `FOR UPDATE SKIP LOCKED` keeps two claimers off the same rows. If the oldest record is still
   * backing off, nothing is claimed: a later record must not overtake it.
   */
  async claimBatch(
    enterpriseId: EnterpriseId,
    size: number,
    leaseMs: number,
  ): Promise<ClaimedBatch | undefined> {
    const token = randomUUID();
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('provincial-upload:' || $1))`, [enterpriseId]);
      const busy: unknown[] = await tx.query(
        `SELECT 1 FROM "upload_deliveries"
         WHERE "enterprise_id" = $1 AND "state" = 'in-flight' AND "locked_until" >= now() LIMIT 1`,
        [enterpriseId],
      );
      if (busy.length > 0) return undefined;
      const candidates: { serial: string; due: boolean }[] = await tx.query(
        `SELECT "serial", ("state" = 'in-flight' OR "next_attempt_at" <= now()) AS "due"
         FROM "upload_deliveries"
         WHERE "enterprise_id" = $1 AND "state" IN ('pending', 'in-flight')
         ORDER BY "captured_at", "serial"
         LIMIT $2
         FOR UPDATE SKIP LOCKED`,
        [enterpriseId, size],
      );
      if (candidates.length === 0 || !candidates[0]?.due) return undefined;
      const rows: DeliveryEntity[] = await tx
        .query(
          `UPDATE "upload_deliveries"
           SET "state" = 'in-flight', "claim_token" = $2, "locked_until" = now() + ($3 || ' milliseconds')::interval,
               "updated_at" = now()
         WHERE "serial" = ANY($1) AND "state" IN (${from('claimed')})
         RETURNING ${COLUMNS}`,
          [candidates.map((c) => c.serial), token, String(leaseMs)],
        )
        .then((result: [DeliveryEntity[], number] | DeliveryEntity[]) => unwrapRows(result));
      rows.sort(
        (a, b) => +new Date(a.capturedAt) - +new Date(b.capturedAt) || a.serial.localeCompare(b.serial),
      );
      return { token, rows };
    });
  }

  /** Only rows still held by `token` change: a dispatcher whose lease ran out cannot overwrite. */
  async markAcknowledged(
    token: string,
    acks: readonly { serial: string; status: 'accepted' | 'duplicate' }[],
  ): Promise<number> {
    if (acks.length === 0) return 0;
    const result: unknown = await this.dataSource.query(
      `UPDATE "upload_deliveries" AS d
         SET "state" = 'acknowledged', "ack_status" = a."status", "acknowledged_at" = now(),
             "attempts" = d."attempts" + 1, "claim_token" = NULL, "locked_until" = NULL,
             "last_error" = NULL, "updated_at" = now()
       FROM unnest($2::text[], $3::text[]) AS a("serial", "status")
       WHERE d."serial" = a."serial" AND d."claim_token" = $1 AND d."state" IN (${from('acknowledged')})`,
      [token, acks.map((a) => a.serial), acks.map((a) => a.status)],
    );
    return affected(result);
  }

  async markRejected(
    token: string,
    rejections: readonly { serial: string; reason: string }[],
  ): Promise<number> {
    if (rejections.length === 0) return 0;
    const result: unknown = await this.dataSource.query(
      `UPDATE "upload_deliveries" AS d
         SET "state" = 'rejected', "rejection_reason" = r."reason", "attempts" = d."attempts" + 1,
             "claim_token" = NULL, "locked_until" = NULL, "updated_at" = now()
       FROM unnest($2::text[], $3::text[]) AS r("serial", "reason")
       WHERE d."serial" = r."serial" AND d."claim_token" = $1 AND d."state" IN (${from('rejected')})`,
      [token, rejections.map((r) => r.serial), rejections.map((r) => r.reason)],
    );
    return affected(result);
  }

  /** A retriable failure: back to `pending` with the next attempt time, or `dead` past the limit. */
  async markFailed(
    token: string,
    serials: readonly string[],
    error: string,
    delayMs: number,
    maxAttempts: number,
  ): Promise<number> {
    if (serials.length === 0) return 0;
    const result: unknown = await this.dataSource.query(
      `UPDATE "upload_deliveries"
         SET "state" = CASE WHEN "attempts" + 1 >= $5 THEN 'dead' ELSE 'pending' END,
             "attempts" = "attempts" + 1, "last_error" = $3,
             "next_attempt_at" = now() + ($4 || ' milliseconds')::interval,
             "claim_token" = NULL, "locked_until" = NULL, "updated_at" = now()
       WHERE "serial" = ANY($2) AND "claim_token" = $1 AND "state" IN (${from('failed', 'gave-up')})`,
      [token, serials, error, String(Math.round(delayMs)), maxAttempts],
    );
    return affected(result);
  }

  /** Hands records back untouched (no attempt counted), e.g. when the platform refuses our credentials. */
  async release(token: string, error: string): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `UPDATE "upload_deliveries"
         SET "state" = 'pending', "last_error" = $2, "claim_token" = NULL, "locked_until" = NULL, "updated_at" = now()
       WHERE "claim_token" = $1 AND "state" IN (${from('released')})`,
      [token, error],
    );
    return affected(result);
  }

  async countByState(enterpriseId: EnterpriseId): Promise<Record<DeliveryState, number>> {
    const rows: { state: DeliveryState; count: string }[] = await this.scopedQueryBuilder(enterpriseId, 'd')
      .select('d.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .groupBy('d.state')
      .getRawMany();
    const counts: Record<DeliveryState, number> = {
      pending: 0,
      'in-flight': 0,
      acknowledged: 0,
      rejected: 0,
      dead: 0,
    };
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  }

  /** Records waiting across all enterprises, for the backlog gauge. */
  async backlogByEnterprise(): Promise<{ enterpriseId: string; count: number }[]> {
    const rows: { enterprise_id: string; count: string }[] = await this.dataSource.query(
      `SELECT "enterprise_id", COUNT(*) AS "count" FROM "upload_deliveries"
       WHERE "state" IN ('pending', 'in-flight') GROUP BY "enterprise_id"`,
    );
    return rows.map((row) => ({ enterpriseId: row.enterprise_id, count: Number(row.count) }));
  }
}

function unwrapRows<T>(result: [T[], number] | T[]): T[] {
  // UPDATE … RETURNING comes back as [rows, affected] from the pg driver through TypeORM.
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
