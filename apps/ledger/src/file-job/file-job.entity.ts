import { Column } from '@ecogate/persistence';

export const FILE_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type FileJobState = (typeof FILE_JOB_STATES)[number];

/** bigint comes back from pg as a string; a file size fits a JS number exactly. */
const bytes = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * The columns every background job that makes one file has (the Excel export, the evidence pack),
 * declared once: `queued` → `running` (claimed by one worker, `heartbeat_at` kept fresh) → `done`
 * (the file in the exports bucket until `expires_at`) or `failed`. Not an entity itself: each job
 * table is its own `@Entity` with its id, tenant, indexes and its own progress columns, so the
 * tables stay as they are (TypeORM copies these columns into each).
 */
export abstract class FileJob {
  @Column({ type: 'text' })
  state!: FileJobState;

  /** The token's subject. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Runs started; an orphaned run is started again until `MAX_JOB_ATTEMPTS`. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The worker running it (`host:pid:random`); `null` while queued. */
  @Column({ type: 'text', nullable: true })
  worker!: string | null;

  @Column({ name: 'object_key', type: 'text', nullable: true })
  objectKey!: string | null;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bytes })
  bytes!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /**
   * The end of the file's download links (`finished_at` + `LEDGER_EXPORT_KEEP_DAYS`), when the
   * exports bucket's lifecycle rule removes it.
   */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}

/** The columns above as plain values (a job's row without its table's own columns). */
export type FileJobColumns = Pick<FileJob, keyof FileJob>;

/** A job just queued by `requestedBy`: no run, no file yet. */
export function queuedFileJob(requestedBy: string, createdAt: Date): FileJobColumns {
  return {
    state: 'queued',
    requestedBy,
    error: null,
    attempts: 0,
    worker: null,
    objectKey: null,
    fileName: null,
    bytes: null,
    createdAt,
    startedAt: null,
    heartbeatAt: null,
    finishedAt: null,
    expiresAt: null,
  };
}
