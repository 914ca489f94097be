import { type DataSource } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';

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

/** Where a table keeps its work (SQL names: constants of the code, never input). */
export interface DueRowsSpec {
  readonly table: string;
  /** The column saying when a row is next due (and, once taken, the end of its lease). */
  readonly due: string;
  /** The SQL condition of rows still to work on, e.g. `"state" = 'queued'`. */
  readonly pending: string;
  /** The columns a step needs, returned with each taken row. */
  readonly columns: readonly string[];
}

/** The wait after the `attempts`-th failure in a row: doubled each time, capped. */
export const retryDelayMs = (
  attempts: number,
  pacing: Pick<FollowerPacing, 'retryMs' | 'maxRetryMs'>,
): number => Math.min(pacing.retryMs * 2 ** Math.max(attempts - 1, 0), pacing.maxRetryMs);

/**
 * A background worker driven by the database only: each pass takes the rows due with
 * `FOR UPDATE SKIP LOCKED` and leases them (their due time moved ahead by `leaseMs`), so several
 * ledger replicas share the work and a replica that dies mid-call leaves its rows to the next one.
 * A subclass says what one row's step is; passes never overlap within a replica.
 */
export abstract class DueRowFollower<Row> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly spec: DueRowsSpec,
    protected readonly pacing: FollowerPacing,
    protected readonly log: Logger,
    protected readonly now: () => Date,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.running = this.runOnce()
        .catch((error: unknown) => this.log.error({ err: error }, `${this.spec.table}: pass failed`))
        .finally(() => (this.busy = false));
    }, this.pacing.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: advances every row due (taken by this replica); returns how many it took. */
  async runOnce(): Promise<number> {
    const due = await this.take();
    for (const row of due) await this.advance(row);
    return due.length;
  }

  /** One row's work; it writes its own result (and its retry, when a dependency is down). */
  protected abstract advance(row: Row): Promise<void>;

  private async take(): Promise<Row[]> {
    const { table, due, pending, columns } = this.spec;
    const now = this.now();
    const [rows] = (await this.dataSource.query(
      `UPDATE "${table}" SET "${due}" = $2
        WHERE "id" IN (SELECT "id" FROM "${table}" WHERE ${pending} AND "${due}" <= $1
                        ORDER BY "${due}", "id" LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${columns.map((column) => `"${column}"`).join(', ')}`,
      [now, new Date(now.getTime() + this.pacing.leaseMs), this.pacing.batch],
    )) as [Row[], number];
    return rows;
  }
}
