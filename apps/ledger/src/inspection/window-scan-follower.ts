import { type DataSource, parseEnterpriseId, TenantRepository } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { type VideoArchiveClient, VideoArchiveUnavailableError } from '../video-archive/video-archive.client';
import { InspectionItemEntity, type WindowScanState } from './inspection.entity';
import { DueRowFollower, type FollowerPacing, retryDelayMs } from '../due-work/due-row-follower';

export interface WindowScanSettings extends FollowerPacing {
  /** How often a queued or running scan is asked for its progress. */
  readonly pollMs: number;
}

export const DEFAULT_WINDOW_SCAN_SETTINGS: WindowScanSettings = {
  intervalMs: 2_000,
  batch: 10,
  pollMs: 5_000,
  retryMs: 5_000,
  maxRetryMs: 5 * 60_000,
  leaseMs: 2 * 60_000,
};

interface DueWindow {
  readonly id: string;
  readonly enterprise_id: string;
  readonly window_from: Date;
  readonly window_until: Date;
  readonly scan_state: WindowScanState;
  readonly scan_id: string | null;
  readonly scan_attempts: number;
}

type ScanChange = Partial<
  Pick<InspectionItemEntity, 'scanState' | 'scanId' | 'scan' | 'scanAttempts' | 'scanError' | 'scanDueAt'>
>;

/**
 * Gets each sampled video window scanned by the video archive: requests the scan (idempotent on the
 * archive's side), then polls it until done or failed and keeps the archive's report on the item.
 * Driven by the database only (`DueRowFollower`: windows due taken with `FOR UPDATE SKIP LOCKED`
 * and leased by moving `scan_due_at` ahead). The archive unavailable is a
 * dependency down, not bad input: retried with a capped back-off, the reason shown on the window.
 */
export class WindowScanFollower extends DueRowFollower<DueWindow> {
  constructor(
    dataSource: DataSource,
    private readonly archive: Pick<VideoArchiveClient, 'requestWindowScan' | 'windowScan'>,
    log: Logger,
    private readonly settings: WindowScanSettings = DEFAULT_WINDOW_SCAN_SETTINGS,
    now: () => Date = () => new Date(),
  ) {
    super(
      dataSource,
      {
        table: 'inspection_items',
        id: 'id',
        dueColumn: 'scan_due_at',
        pending: `"scan_state" IN ('requesting', 'queued', 'running')`,
        returning: [
          'id',
          'enterprise_id',
          'window_from',
          'window_until',
          'scan_state',
          'scan_id',
          'scan_attempts',
        ],
      },
      settings,
      log,
      now,
    );
  }

  protected async advance(window: DueWindow): Promise<void> {
    try {
      await this.save(window, await this.step(window));
    } catch (caught) {
      const attempts = window.scan_attempts + 1;
      const wait = retryDelayMs(attempts, this.settings);
      const reason = caught instanceof Error ? caught.message : String(caught);
      const fields = { itemId: window.id, enterpriseId: window.enterprise_id, attempts, err: caught };
      if (caught instanceof VideoArchiveUnavailableError)
        this.log.warn(fields, 'video archive unavailable for a window scan: retried');
      else this.log.error(fields, 'window scan step failed: retried');
      await this.save(window, {
        scanAttempts: attempts,
        scanError: `video archive unavailable (retrying): ${reason}`,
        scanDueAt: new Date(this.now().getTime() + wait),
      });
    }
  }

  /** What one call to the archive changes on the window. */
  private async step(window: DueWindow): Promise<ScanChange> {
    const enterpriseId = window.enterprise_id;
    const answered = { scanAttempts: 0, scanError: null };
    if (window.scan_state === 'requesting' || window.scan_id === null) {
      const ticket = await this.archive.requestWindowScan(enterpriseId, {
        from: new Date(window.window_from).toISOString(),
        to: new Date(window.window_until).toISOString(),
      });
      // Its report is read on the next pass, even when the archive had it done already.
      return { ...answered, scanState: ticket.status, scanId: ticket.id, scanDueAt: this.now() };
    }
    const report = await this.archive.windowScan(enterpriseId, window.scan_id);
    if (!report) {
      // The archive lost the scan (its database reset): the same window is asked for again.
      return {
        ...answered,
        scanState: 'requesting',
        scanId: null,
        scanError: `the video archive no longer knows scan ${window.scan_id}: requested again`,
        scanDueAt: this.now(),
      };
    }
    const final = report.status === 'done' || report.status === 'failed';
    return {
      ...answered,
      scanState: report.status,
      scan: report,
      // While running, the archive's note (e.g. waiting for plate recognition); when failed, why.
      scanError: report.error ?? (report.status === 'failed' ? 'the video archive failed the scan' : null),
      scanDueAt: final ? null : new Date(this.now().getTime() + this.settings.pollMs),
    };
  }

  private async save(window: DueWindow, change: ScanChange): Promise<void> {
    await TenantRepository.of(this.dataSource, InspectionItemEntity).update(
      parseEnterpriseId(window.enterprise_id),
      { id: window.id },
      change,
    );
  }
}
