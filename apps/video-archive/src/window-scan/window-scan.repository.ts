import {
  type DataSource,
  type EnterpriseId,
  parseEnterpriseId,
  TenantRepository,
} from '@ecogate/persistence';
import { WindowScanEntity } from './window-scan.entity';
import { type StoredScanResult } from './window-scan.view';

export interface NewWindowScan {
  readonly id: string;
  readonly windowKey: string;
  readonly from: Date;
  readonly to: Date;
  readonly cameraIds: readonly string[];
}

export interface LeasedScan {
  readonly enterpriseId: EnterpriseId;
  readonly id: string;
  readonly attempts: number;
}

export interface ScanProgress {
  readonly framesDone: number;
  readonly framesTotal: number;
  /** Shown while running, e.g. that plate-recognition is being waited for; null clears it. */
  readonly note: string | null;
}

/** The scans; every query but the worker's lease is scoped to one enterprise. */
export class WindowScanRepository extends TenantRepository<WindowScanEntity> {
  constructor(dataSource: DataSource) {
    super(WindowScanEntity, dataSource.manager);
  }

  /** The scan of this window: a new one, or the one asked for before (the key is the same). */
  async findOrCreate(enterpriseId: EnterpriseId, scan: NewWindowScan): Promise<WindowScanEntity> {
    await this.manager.query(
      `INSERT INTO "video_window_scans" ("id", "enterprise_id", "window_key", "from_at", "to_at", "camera_ids")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("enterprise_id", "window_key") DO NOTHING`,
      [scan.id, parseEnterpriseId(enterpriseId), scan.windowKey, scan.from, scan.to, [...scan.cameraIds]],
    );
    const row = await this.findOne(enterpriseId, { windowKey: scan.windowKey });
    if (!row) throw new Error(`window scan ${scan.windowKey} vanished after its insert`);
    return row;
  }

  get(enterpriseId: EnterpriseId, id: string): Promise<WindowScanEntity | null> {
    return this.findOne(enterpriseId, { id });
  }

  /**
   * Leases the oldest scan that is queued, or running under a lease that ran out (its process
   * stopped): several replicas share the work (SKIP LOCKED), and no scan stays `running` forever.
   * A leased scan starts over: its frames are counted again. Only windows that ended `settleMs`
   * ago are scanned, so their last segments have reached the archive.
   */
  async lease(now: Date, leaseMs: number, settleMs: number): Promise<LeasedScan | undefined> {
    const [rows]: [{ id: string; enterprise_id: string; attempts: number }[], number] =
      await this.manager.query(
        `UPDATE "video_window_scans"
       SET "status" = 'running', "locked_until" = $1::timestamptz + ($2 * interval '1 millisecond'),
           "attempts" = "attempts" + 1, "frames_done" = 0
       WHERE "id" = (
         SELECT "id" FROM "video_window_scans"
         WHERE "status" IN ('queued', 'running') AND ("locked_until" IS NULL OR "locked_until" <= $1)
           AND "to_at" <= $1::timestamptz - ($3 * interval '1 millisecond')
         ORDER BY "created_at"
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING "id", "enterprise_id", "attempts"`,
        [now, leaseMs, settleMs],
      );
    const row = rows[0];
    return row && { enterpriseId: parseEnterpriseId(row.enterprise_id), id: row.id, attempts: row.attempts };
  }

  /** Progress, and the lease held a while longer (the heartbeat of a running scan). */
  async progress(
    enterpriseId: EnterpriseId,
    id: string,
    progress: ScanProgress,
    lockedUntil: Date,
  ): Promise<void> {
    await this.update(
      enterpriseId,
      { id, status: 'running' },
      {
        framesDone: progress.framesDone,
        framesTotal: progress.framesTotal,
        error: progress.note,
        lockedUntil,
      },
    );
  }

  async finish(
    enterpriseId: EnterpriseId,
    id: string,
    result: StoredScanResult,
    framesDone: number,
    at: Date,
  ): Promise<void> {
    await this.update(
      enterpriseId,
      { id, status: 'running' },
      {
        status: 'done',
        result,
        framesDone,
        framesTotal: framesDone,
        error: null,
        lockedUntil: null,
        finishedAt: at,
      },
    );
  }

  async fail(enterpriseId: EnterpriseId, id: string, error: string, at: Date): Promise<void> {
    await this.update(
      enterpriseId,
      { id, status: 'running' },
      { status: 'failed', error, lockedUntil: null, finishedAt: at },
    );
  }

  /** Back in the queue at once (a graceful stop): the attempt it was on does not count. */
  async release(enterpriseId: EnterpriseId, id: string): Promise<void> {
    await this.manager.query(
      `UPDATE "video_window_scans"
       SET "status" = 'queued', "locked_until" = NULL, "error" = NULL, "attempts" = GREATEST("attempts" - 1, 0)
       WHERE "enterprise_id" = $1 AND "id" = $2 AND "status" = 'running'`,
      [parseEnterpriseId(enterpriseId), id],
    );
  }

  /** Back in the queue after a failed attempt, to be tried again at `retryAt`. */
  async requeue(enterpriseId: EnterpriseId, id: string, retryAt: Date, note: string): Promise<void> {
    await this.update(
      enterpriseId,
      { id, status: 'running' },
      { status: 'queued', lockedUntil: retryAt, error: note },
    );
  }
}
