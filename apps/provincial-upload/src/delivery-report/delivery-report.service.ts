import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { type DeliveryRepository } from '../delivery/delivery.repository';
import { type DeliveryState } from '../delivery/delivery-state';
import { UploadException } from '../errors/upload.exception';

export interface BacklogReport {
  readonly enterpriseId: string;
  readonly counts: Record<DeliveryState, number>;
  readonly backlog: number;
  readonly oldestPendingCapturedAt: string | null;
  readonly oldestPendingAgeSeconds: number | null;
}

export interface DailyRate {
  /** Calendar day in China Standard Time, `yyyy-MM-dd`. */
  readonly day: string;
  readonly produced: number;
  readonly acknowledged: number;
  /** acknowledged ÷ produced; regulators expect at least 0.95. */
  readonly rate: number;
}

/** Read side of the operator API: backlog, oldest waiting record, transmission rate, record details. */
export class DeliveryReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async backlog(enterpriseId: EnterpriseId): Promise<BacklogReport> {
    const counts = await this.deliveries.countByState(enterpriseId);
    const oldest = await this.deliveries.find(enterpriseId, {
      where: [{ state: 'pending' }, { state: 'in-flight' }],
      order: { capturedAt: 'ASC' },
      take: 1,
    });
    const capturedAt = oldest[0] ? new Date(oldest[0].capturedAt) : undefined;
    return {
      enterpriseId,
      counts,
      backlog: counts.pending + counts['in-flight'],
      oldestPendingCapturedAt: capturedAt?.toISOString() ?? null,
      oldestPendingAgeSeconds: capturedAt ? Math.round((Date.now() - capturedAt.getTime()) / 1000) : null,
    };
  }

  async transmissionRate(enterpriseId: EnterpriseId, days: number): Promise<DailyRate[]> {
    const rows: { day: string; produced: string; acknowledged: string }[] = await this.dataSource.query(
      `SELECT to_char("produced_at" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "day",
              COUNT(*) AS "produced",
              COUNT(*) FILTER (WHERE "state" = 'acknowledged') AS "acknowledged"
       FROM "upload_deliveries"
       WHERE "enterprise_id" = $1 AND "produced_at" >= now() - ($2 || ' days')::interval
       GROUP BY 1 ORDER BY 1`,
      [enterpriseId, String(days)],
    );
    return rows.map((row) => {
      const produced = Number(row.produced);
      const acknowledged = Number(row.acknowledged);
      return { day: row.day, produced, acknowledged, rate: produced === 0 ? 1 : acknowledged / produced };
    });
  }

  /**
   * A page of records in capture order (serial breaks ties), optionally of one state; `after` is
   * the last serial of the previous page, so a page does not shift while records change state.
   */
  async records(enterpriseId: EnterpriseId, state: DeliveryState | undefined, limit: number, after?: string) {
    const query = this.deliveries
      .scopedQueryBuilder(enterpriseId, 'd')
      .orderBy('d.capturedAt', 'ASC')
      .addOrderBy('d.serial', 'ASC')
      .limit(limit);
    if (state) query.andWhere('d.state = :state', { state });
    if (after !== undefined) {
      if (!(await this.deliveries.exists(enterpriseId, { serial: after })))
        throw new UploadException('record-not-found', `no record ${after} for this enterprise`);
      // Compared in SQL: the stored instant has microseconds a JavaScript Date would round off.
      query.andWhere(
        `(d.captured_at, d.serial) > (SELECT a.captured_at, a.serial FROM upload_deliveries a
           WHERE a.enterprise_id = :anchorTenant AND a.serial = :after)`,
        { anchorTenant: enterpriseId, after },
      );
    }
    return (await query.getMany()).map(summary);
  }

  async record(enterpriseId: EnterpriseId, serial: string) {
    const row = await this.deliveries.findOne(enterpriseId, { serial });
    if (!row) throw new UploadException('record-not-found', `no record ${serial} for this enterprise`);
    const corrections: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT "actor", "corrected_at" AS "correctedAt", "before", "after", "previous_reason" AS "previousReason"
       FROM "upload_corrections" WHERE "enterprise_id" = $1 AND "serial" = $2 ORDER BY "corrected_at"`,
      [enterpriseId, serial],
    );
    // Re-push requests that named this record or covered its capture time, with who asked.
    const rePushes: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT "actor", "actor_role" AS "actorRole", "at", "serial", "captured_from" AS "capturedFrom",
              "captured_to" AS "capturedTo", "details"->>'reason' AS "reason"
       FROM "upload_operator_actions"
       WHERE "action" = 're-push' AND "enterprise_id" = $1
         AND ("serial" = $2 OR ("captured_from" <= $3 AND "captured_to" > $3))
       ORDER BY "at"`,
      [enterpriseId, serial, row.capturedAt],
    );
    return { ...summary(row), passage: row.passage, overrides: row.overrides, corrections, rePushes };
  }
}

/** A record as the operator API lists it. */
export type RecordSummary = ReturnType<typeof summary>;

const summary = (row: {
  serial: string;
  passageId: string;
  direction: string;
  revision: number;
  capturedAt: Date;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  rejectionReason: string | null;
  ackStatus: string | null;
  acknowledgedAt: Date | null;
}) => ({
  serial: row.serial,
  passageId: row.passageId,
  direction: row.direction,
  revision: row.revision,
  capturedAt: new Date(row.capturedAt).toISOString(),
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: new Date(row.nextAttemptAt).toISOString(),
  lastError: row.lastError,
  rejectionReason: row.rejectionReason,
  ackStatus: row.ackStatus,
  acknowledgedAt: row.acknowledgedAt ? new Date(row.acknowledgedAt).toISOString() : null,
});
