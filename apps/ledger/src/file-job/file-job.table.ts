import { type DataSource, type EntityTarget } from '@ecogate/persistence';
import { type FileJob } from './file-job.entity';

/** Runs of one job before an orphaned one is failed instead of started again. */
export const MAX_JOB_ATTEMPTS = 3;

/**
 * A job table and its own columns (SQL names: constants of the code, never input).
 * `Note`: what a run says about itself (the pack's `activity`); `Fact`: what the job records of its
 * file besides key, name and size (the pack's `sha256`).
 */
export interface FileJobTableSpec<Note extends string, Fact extends string> {
  readonly table: string;
  /** The work done (`rows`, `steps`): back to 0 whenever a run starts over. */
  readonly done: string;
  /** All the work (`total_rows`, `total_steps`): counted again by each run. */
  readonly total: string;
  /** Cleared when a run ends or starts over. */
  readonly notes?: readonly Note[];
  readonly facts?: readonly Fact[];
}

export interface JobProgress<Note extends string> {
  readonly done: number;
  /** Unchanged when not given. */
  readonly total?: number;
  readonly notes?: Readonly<Record<Note, string | null>>;
}

export type FinishedFile<Fact extends string = never> = {
  readonly objectKey: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly expiresAt: Date;
  /** The work done as the run counted it; not given: all of it (`done` = `total`). */
  readonly done?: number;
} & ([Fact] extends [never]
  ? { readonly facts?: never }
  : { readonly facts: Readonly<Record<Fact, string>> });

const quoted = (column: string): string => `"${column}"`;
const affected = (result: unknown): boolean => (result as [unknown, number])[1] === 1;

/**
 * The mechanics of a file job's table, for the worker loop (`ExportWorker`: claim, release, orphan
 * recovery) and its runs (progress, heartbeat, finish, fail). Every run's write names the worker,
 * so a run that lost its claim changes nothing. Claim and recovery read every tenant's jobs on
 * purpose, like the retention job: they run jobs, never show them — the subclasses' reads are
 * the tenant-scoped ones.
 */
export class FileJobTable<
  J extends FileJob & { readonly id: string },
  Note extends string = never,
  Fact extends string = never,
> {
  private readonly table: string;
  private readonly done: string;
  private readonly total: string;
  private readonly notes: readonly Note[];
  private readonly facts: readonly Fact[];
  /** SET clauses that put a run's progress back to the start. */
  private readonly restart: string;
  /** `, "note" = NULL` each: what a run said about itself no longer holds once it ended. */
  private readonly clearNotes: string;

  constructor(
    protected readonly dataSource: DataSource,
    private readonly entity: EntityTarget<J>,
    spec: FileJobTableSpec<Note, Fact>,
  ) {
    this.table = quoted(spec.table);
    this.done = quoted(spec.done);
    this.total = quoted(spec.total);
    this.notes = spec.notes ?? [];
    this.facts = spec.facts ?? [];
    this.restart = [`${this.done} = 0`, ...this.notes.map((note) => `${quoted(note)} = NULL`)].join(', ');
    this.clearNotes = this.notes.map((note) => `, ${quoted(note)} = NULL`).join('');
  }

  /** Takes the oldest queued job for `worker` (another replica skips it), or none. */
  async claim(worker: string, now: Date): Promise<J | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE ${this.table} SET "state" = 'running', "worker" = $1, "attempts" = "attempts" + 1,
              "started_at" = $2, "heartbeat_at" = $2, ${this.restart}, ${this.total} = NULL, "error" = NULL
        WHERE "id" = (SELECT "id" FROM ${this.table} WHERE "state" = 'queued'
                       ORDER BY "created_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING "id"`,
      [worker, now],
    )) as [{ id: string }[], number];
    const id = rows[0]?.id;
    if (!id) return undefined;
    const job = await this.dataSource.manager
      .createQueryBuilder(this.entity, 'j')
      .where('j.id = :id', { id })
      .getOne();
    return job ?? undefined;
  }

  /** Records progress and keeps the claim alive; `false` when the job is no longer this worker's. */
  async progress(id: string, worker: string, progress: JobProgress<Note>, now: Date): Promise<boolean> {
    const notes = this.notes.map((note, i) => `, ${quoted(note)} = $${6 + i}`).join('');
    return affected(
      await this.dataSource.query(
        `UPDATE ${this.table} SET ${this.done} = $3, ${this.total} = COALESCE($4, ${this.total}), "heartbeat_at" = $5${notes}
          WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [
          id,
          worker,
          progress.done,
          progress.total ?? null,
          now,
          ...this.notes.map((note) => progress.notes?.[note] ?? null),
        ],
      ),
    );
  }

  async heartbeat(id: string, worker: string, now: Date): Promise<boolean> {
    return affected(
      await this.dataSource.query(
        `UPDATE ${this.table} SET "heartbeat_at" = $3 WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [id, worker, now],
      ),
    );
  }

  async finish(id: string, worker: string, file: FinishedFile<Fact>, now: Date): Promise<boolean> {
    const facts = this.facts.map((fact, i) => `, ${quoted(fact)} = $${9 + i}`).join('');
    const values: Partial<Record<Fact, string>> = file.facts ?? {};
    return affected(
      await this.dataSource.query(
        `UPDATE ${this.table} SET "state" = 'done', ${this.done} = COALESCE($3::integer, ${this.total}), "object_key" = $4,
                "file_name" = $5, "bytes" = $6, "finished_at" = $7, "heartbeat_at" = $7, "expires_at" = $8${this.clearNotes}${facts}
          WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [
          id,
          worker,
          file.done ?? null,
          file.objectKey,
          file.fileName,
          file.bytes,
          now,
          file.expiresAt,
          ...this.facts.map((fact) => values[fact] ?? null),
        ],
      ),
    );
  }

  async fail(id: string, worker: string, error: string, now: Date): Promise<boolean> {
    return affected(
      await this.dataSource.query(
        `UPDATE ${this.table} SET "state" = 'failed', "error" = $3, "finished_at" = $4, "heartbeat_at" = $4${this.clearNotes}
          WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
        [id, worker, error.slice(0, 1000), now],
      ),
    );
  }

  /** A run given up by its own worker (shutdown): back to the queue, the attempt not counted. */
  async release(id: string, worker: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET "state" = 'queued', "worker" = NULL, "attempts" = GREATEST("attempts" - 1, 0),
              ${this.restart}, "started_at" = NULL, "heartbeat_at" = NULL
        WHERE "id" = $1 AND "worker" = $2 AND "state" = 'running'`,
      [id, worker],
    );
  }

  /**
   * Jobs left `running` by a process that died (no heartbeat for `staleAfterMs`): queued again to
   * start over, or failed (`interrupted`) after `MAX_JOB_ATTEMPTS` runs.
   */
  async recoverOrphans(now: Date, staleAfterMs: number): Promise<{ requeued: string[]; failed: string[] }> {
    const [rows] = (await this.dataSource.query(
      `UPDATE ${this.table}
          SET "state" = CASE WHEN "attempts" >= $2 THEN 'failed' ELSE 'queued' END,
              "error" = CASE WHEN "attempts" >= $2
                             THEN 'interrupted: the process running it stopped ' || "attempts" || ' times'
                             ELSE NULL END,
              "finished_at" = CASE WHEN "attempts" >= $2 THEN $1::timestamptz ELSE NULL END,
              "worker" = NULL, ${this.restart}
        WHERE "state" = 'running' AND "heartbeat_at" < $1::timestamptz - make_interval(secs => $3::double precision / 1000)
        RETURNING "id", "state"`,
      [now, MAX_JOB_ATTEMPTS, staleAfterMs],
    )) as [{ id: string; state: string }[], number];
    return {
      requeued: rows.filter((row) => row.state === 'queued').map((row) => row.id),
      failed: rows.filter((row) => row.state === 'failed').map((row) => row.id),
    };
  }
}
