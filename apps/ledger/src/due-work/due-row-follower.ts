import { type DataSource } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { type DueRowsSpec, leaseDueRows } from './lease-due-rows';
import { PollingLoop } from './polling-loop';

/** How a follower paces itself; tests shorten these. */
export interface FollowerPacing {
  /** How often the follower looks for rows due. */
  readonly intervalMs: number;
  /** Rows taken per look. */
  readonly batch: number;
  /** First wait after a failed call; doubles per failure up to `maxRetryMs`. */
  readonly retryMs: number;
  readonly maxRetryMs: number;
  /** How long a taken row stays with this replica (another takes it over if this one dies). */
  readonly leaseMs: number;
}

/** The wait after the `attempts`-th failure in a row: doubled each time, capped. */
export const retryDelayMs = (
  attempts: number,
  pacing: Pick<FollowerPacing, 'retryMs' | 'maxRetryMs'>,
): number => Math.min(pacing.retryMs * 2 ** Math.max(attempts - 1, 0), pacing.maxRetryMs);

/**
 * A background worker driven by the database only: each pass leases the rows due (`leaseDueRows`),
 * so several ledger replicas share the work and a replica that dies mid-call leaves its rows to the
 * next one. A subclass says what one row's step is; passes never overlap within a replica.
 */
export abstract class DueRowFollower<Row> {
  private readonly loop: PollingLoop;

  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly spec: DueRowsSpec,
    protected readonly pacing: FollowerPacing,
    protected readonly log: Logger,
    protected readonly now: () => Date,
  ) {
    this.loop = new PollingLoop(
      () => this.runOnce(),
      pacing.intervalMs,
      (error: unknown) => log.error({ err: error }, `${spec.table}: pass failed`),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass: advances every row due (taken by this replica); returns how many it took. */
  async runOnce(): Promise<number> {
    const due = await leaseDueRows<Row>(this.dataSource, this.spec, this.now(), this.pacing);
    for (const row of due) await this.advance(row);
    return due.length;
  }

  /** One row's work; it writes its own result (and its retry, when a dependency is down). */
  protected abstract advance(row: Row): Promise<void>;
}
