import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

export const EXPORT_LEDGERS = ['passages', 'in-plant-vehicles', 'machinery'] as const;
export type ExportLedger = (typeof EXPORT_LEDGERS)[number];

export const EXPORT_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/**
 * `enterprise_id` of a job over several enterprises (the city roles' `POST /api/v1/exports`). It is
 * never a valid `EnterpriseId`, so the tenant-scoped queries of the enterprise routes cannot reach
 * such a job; its enterprises are in `enterprise_ids`.
 */
export const SEVERAL_ENTERPRISES = '*';

/** What a job exports: the passage search's filters (instants as ISO strings). */
export interface ExportFilters {
  readonly from?: string;
  readonly to?: string;
  readonly plate?: string;
  readonly stage?: string;
  readonly gateId?: string;
  readonly minCompleteness?: number;
  readonly maxCompleteness?: number;
}

/** bigint comes back from pg as a string; a file size fits a JS number exactly. */
const bytes = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One Excel export (docs/ledger.md, Export). The row is the job's state, so any replica answers
 * `GET` and a job survives a restart: `queued` → `running` (claimed by one worker, `heartbeat_at`
 * kept fresh) → `done` (file in the exports bucket until `expires_at`) or `failed`.
 */
@Entity({ name: 'export_jobs' })
@Index('IDX_export_jobs_enterprise_created', ['enterpriseId', 'createdAt'])
@Index('IDX_export_jobs_state', ['state'])
@Check('CHK_export_jobs_state', `"state" IN ('queued', 'running', 'done', 'failed')`)
export class ExportJobEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_export_jobs' })
  id!: string;

  /** The enterprise, or `SEVERAL_ENTERPRISES` for a city job. */
  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  /** Every enterprise the job reads, in sheet order (one for an enterprise job). */
  @Column({ name: 'enterprise_ids', type: 'text', array: true })
  enterpriseIds!: string[];

  @Column({ type: 'text' })
  ledger!: ExportLedger;

  @Column({ type: 'jsonb' })
  filters!: ExportFilters;

  @Column({ type: 'text' })
  state!: ExportState;

  /** The token's subject. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ type: 'integer', default: 0 })
  rows!: number;

  /** Counted when the job starts; `null` before. */
  @Column({ name: 'total_rows', type: 'integer', nullable: true })
  totalRows!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Runs started; an orphaned run is started again until `MAX_EXPORT_ATTEMPTS`. */
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
   * bucket's lifecycle rule removes it.
   */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
