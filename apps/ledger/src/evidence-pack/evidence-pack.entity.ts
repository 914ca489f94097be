import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { FileJob } from '../file-job/file-job.entity';

/**
 * One evidence pack of an inspection (docs/ledger.md, Inspections): a background job like an
 * Excel export (a `FileJob`: the same columns, worker loop and bucket).
 * Progress is in steps (the report, each passage's records and photos, each passage's clips, the
 * chain proof, the upload).
 */
@Entity({ name: 'evidence_packs' })
@Index('IDX_evidence_packs_inspection', ['enterpriseId', 'inspectionId', 'createdAt'])
@Index('IDX_evidence_packs_state', ['state'])
@Check('CHK_evidence_packs_state', `"state" IN ('queued', 'running', 'done', 'failed')`)
export class EvidencePackEntity extends FileJob {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_evidence_packs' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'integer', default: 0 })
  steps!: number;

  /** Known once the run has read the inspection; `null` before. */
  @Column({ name: 'total_steps', type: 'integer', nullable: true })
  totalSteps!: number | null;

  /** What the run is doing now (e.g. waiting for the video archive). */
  @Column({ type: 'text', nullable: true })
  activity!: string | null;

  /** SHA-256 of the whole pack file, hex. */
  @Column({ type: 'text', nullable: true })
  sha256!: string | null;
}
