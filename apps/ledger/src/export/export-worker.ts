import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BucketNotFoundError, FilesystemObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type ExportConfig } from './export.config';
import { type ExportJobEntity } from './export-job.entity';
import { type JobRunner } from './export-runner';

/** What the loop needs of a job table (a `FileJobTable`: the exports' and the evidence packs'). */
export interface JobQueue<J extends { readonly id: string }> {
  recoverOrphans(now: Date, staleAfterMs: number): Promise<{ requeued: string[]; failed: string[] }>;
  claim(worker: string, now: Date): Promise<J | undefined>;
  release(id: string, worker: string): Promise<void>;
}

/**
 * The export jobs' background loop in each ledger instance: every `pollIntervalMs` (or at once
 * when a job was just queued, `wake`) it requeues orphaned runs, claims queued jobs up to
 * `concurrency` (`FOR UPDATE SKIP LOCKED`: each job runs on one replica) and, on the filesystem
 * store, applies the bucket's expiry rule. `stop` ends the runs it holds and queues them again (their attempt not counted), so a
 * restart or another replica takes them up from the first row.
 */
export class ExportWorker<J extends { readonly id: string } = ExportJobEntity> {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private lastSweep = 0;

  constructor(
    private readonly store: JobQueue<J>,
    private readonly runner: JobRunner<J>,
    private readonly storage: ObjectStorage,
    private readonly config: ExportConfig,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks for work now (after a job was queued, or a run ended). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.ticking = this.tick()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'export worker: tick failed'))
      .finally(() => {
        this.ticking = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.config.pollIntervalMs);
          this.timer.unref();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    for (const run of this.running.values()) run.abort.abort();
    await Promise.all([...this.running.values()].map((run) => run.done));
  }

  /** Jobs this instance runs now (for tests and metrics). */
  get activeJobs(): readonly string[] {
    return [...this.running.keys()];
  }

  private async tick(): Promise<void> {
    const now = this.now();
    const recovered = await this.store.recoverOrphans(now, this.config.staleAfterMs);
    if (recovered.requeued.length > 0 || recovered.failed.length > 0)
      this.logger.warn(recovered, 'export jobs of a stopped process: requeued (start over) or failed');
    while (!this.stopped && this.running.size < this.config.concurrency) {
      const job = await this.store.claim(this.id, this.now());
      if (!job) break;
      const abort = new AbortController();
      const done = this.runner
        .run(job, this.id, abort.signal)
        .then(async (outcome) => {
          if (outcome === 'stopped') await this.store.release(job.id, this.id);
          if (outcome === 'lost') this.logger.warn({ jobId: job.id }, 'export run lost its claim; stopped');
        })
        .catch((error: unknown) => this.logger.error({ err: error, jobId: job.id }, 'export run crashed'))
        .finally(() => {
          this.running.delete(job.id);
          this.wake();
        });
      this.running.set(job.id, { abort, done });
    }
    if (now.getTime() - this.lastSweep >= this.config.sweepIntervalMs) {
      this.lastSweep = now.getTime();
      await this.sweep(now);
    }
  }

  /**
   * The filesystem store (embedded profile) applies lifecycle rules only when asked (ADR 0008):
   * this asks, so expired files go there as on MinIO, whose scanner does it by itself. Resolves
   * the number of files removed (always 0 on MinIO).
   */
  async sweep(now: Date = this.now()): Promise<number> {
    if (!(this.storage instanceof FilesystemObjectStorage)) return 0;
    try {
      const removed = await this.storage.applyExpiryRules(this.config.bucket, now);
      if (removed > 0) this.logger.info({ removed }, 'expired export files removed');
      return removed;
    } catch (error) {
      if (error instanceof BucketNotFoundError) return 0;
      throw error;
    }
  }
}
