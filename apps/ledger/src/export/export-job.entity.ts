import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { FileJob } from '../file-job/file-job.entity';

export const EXPORT_LEDGERS = ['passages', 'in-plant-vehicles', 'machinery'] as const;
export type ExportLedger = (typeof EXPORT_LEDGERS)[number];

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

/**
 * One Excel export (docs/ledger.md, Export). The row is the job's state (the columns of every
 * `FileJob`), so any replica answers `GET` and a job survives a restart. Progress is in rows.
 */
@Entity({ name: 'export_jobs' })
@Index('IDX_export_jobs_enterprise_created', ['enterpriseId', 'createdAt'])
@Index('IDX_export_jobs_state', ['state'])
@Check('CHK_export_jobs_state', `"state" IN ('queued', 'running', 'done', 'failed')`)
export class ExportJobEntity extends FileJob {
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

  @Column({ type: 'integer', default: 0 })
  rows!: number;

  /** Counted when the job starts; `null` before. */
  @Column({ name: 'total_rows', type: 'integer', nullable: true })
  totalRows!: number | null;
}
