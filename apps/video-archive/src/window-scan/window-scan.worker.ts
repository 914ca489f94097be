import { type Logger } from '@ecogate/telemetry';
import { videoMetrics } from '../metrics/video-metrics';
import { RecognitionRefusedError } from './plate-recognition.client';
import { type LeasedScan, type ScanProgress, type WindowScanRepository } from './window-scan.repository';
import { ScanAbortedError, type WindowScanner } from './window-scanner';

export interface WindowScanWorkerSettings {
  readonly pollMs: number;
  /** A scan whose process stopped without a word is taken up again this long after its last heartbeat. */
  readonly leaseMs: number;
  /** A window is scanned once it ended this long ago (its last segment is uploaded by then). */
  readonly settleMs: number;
  /** Failed attempts (storage, ffmpeg…) before the scan is recorded failed with the last error. */
  readonly maxAttempts: number;
  /** Wait before a failed attempt is tried again. */
  readonly retryMs: number;
  /** Progress is written at most this often (each write also renews the lease). */
  readonly progressEveryMs?: number;
}

export interface WindowScanWorkerDependencies {
  readonly scans: WindowScanRepository;
  readonly scanner: WindowScanner;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * Runs queued scans one at a time: leases one (or one whose process died: its lease ran out),
 * heartbeats while it runs, and records the result. A graceful stop puts the running scan back in
 * the queue at once; a new process (or another replica) redoes it from the start.
 */
export class WindowScanWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();
  private readonly now: () => Date;

  constructor(
    private readonly deps: WindowScanWorkerDependencies,
    private readonly settings: WindowScanWorkerSettings,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    let busy = false;
    const poll = (): void => {
      // A scan takes minutes: no second pass while one runs.
      if (busy || this.stopping.signal.aborted) return;
      busy = true;
      this.running = this.runOnce()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'window scan pass failed'))
        .then(() => {
          busy = false;
        });
    };
    this.timer = setInterval(poll, this.settings.pollMs);
    poll();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.running;
  }

  /** Leases and runs scans until none is due; resolves with how many ran. */
  async runOnce(): Promise<number> {
    let ran = 0;
    while (!this.stopping.signal.aborted) {
      const leased = await this.deps.scans.lease(this.now(), this.settings.leaseMs, this.settings.settleMs);
      if (!leased) break;
      await this.run(leased);
      ran += 1;
    }
    return ran;
  }

  private async run(leased: LeasedScan): Promise<void> {
    const { enterpriseId, id } = leased;
    const row = await this.deps.scans.get(enterpriseId, id);
    if (!row) return;
    const log = this.deps.logger.child({ scanId: id, enterpriseId });
    const started = Date.now();
    log.info(
      {
        from: row.fromAt.toISOString(),
        to: row.toAt.toISOString(),
        cameras: row.cameraIds,
        attempt: leased.attempts,
      },
      'window scan started',
    );
    const heartbeat = this.heartbeat(leased);
    try {
      const outcome = await this.deps.scanner.scan(
        { enterpriseId, id, from: row.fromAt, to: row.toAt, cameraIds: row.cameraIds },
        heartbeat.report,
        this.stopping.signal,
      );
      await heartbeat.stop();
      await this.deps.scans.finish(enterpriseId, id, outcome.result, outcome.frames, this.now());
      const seconds = (Date.now() - started) / 1000;
      videoMetrics.windowScans.add(1, { status: 'done' });
      videoMetrics.windowScanSeconds.record(seconds);
      log.info(
        {
          frames: outcome.frames,
          plates: outcome.result.plates.length,
          seconds,
          framesPerSecond: seconds > 0 ? Math.round((outcome.frames / seconds) * 10) / 10 : undefined,
        },
        'window scan done',
      );
    } catch (error) {
      await heartbeat.stop();
      await this.onFailure(leased, error, log);
    }
  }

  private async onFailure(leased: LeasedScan, error: unknown, log: Logger): Promise<void> {
    const { enterpriseId, id } = leased;
    if (error instanceof ScanAbortedError) {
      await this.deps.scans.release(enterpriseId, id);
      log.info('window scan stopped with the service: queued again');
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RecognitionRefusedError || leased.attempts >= this.settings.maxAttempts) {
      await this.deps.scans.fail(enterpriseId, id, message, this.now());
      videoMetrics.windowScans.add(1, { status: 'failed' });
      log.error({ err: error, attempt: leased.attempts }, 'window scan failed');
      return;
    }
    const retryAt = new Date(this.now().getTime() + this.settings.retryMs);
    await this.deps.scans.requeue(enterpriseId, id, retryAt, `attempt ${leased.attempts} failed: ${message}`);
    log.warn(
      { err: error, attempt: leased.attempts, retryAt: retryAt.toISOString() },
      'window scan attempt failed',
    );
  }

  /**
   * Writes progress at most every `progressEveryMs`, and renews the lease on a timer too, so a
   * long wait for plate-recognition does not look like a dead process.
   */
  private heartbeat(leased: LeasedScan): {
    report: (progress: ScanProgress) => void;
    stop: () => Promise<void>;
  } {
    const every = this.settings.progressEveryMs ?? 1_000;
    let latest: ScanProgress = { framesDone: 0, framesTotal: 0, note: null };
    let writtenAt = 0;
    let writing: Promise<void> = Promise.resolve();
    const write = (): void => {
      writtenAt = Date.now();
      const progress = latest;
      const lockedUntil = new Date(this.now().getTime() + this.settings.leaseMs);
      writing = writing
        .then(() => this.deps.scans.progress(leased.enterpriseId, leased.id, progress, lockedUntil))
        .catch((error: unknown) =>
          this.deps.logger.warn({ err: error, scanId: leased.id }, 'window scan progress not saved'),
        );
    };
    const timer = setInterval(write, Math.max(every, Math.floor(this.settings.leaseMs / 3)));
    return {
      report: (progress) => {
        latest = progress;
        if (Date.now() - writtenAt >= every) write();
      },
      stop: async () => {
        clearInterval(timer);
        await writing;
      },
    };
  }
}
