import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type ExportState } from '../export/export-job.entity';

/** bigint comes back from pg as a string; a file size fits a JS number exactly. */
const bytes = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One evidence pack of an inspection (docs/ledger.md, Inspections): a background job like an
 * Excel export (the same worker loop and bucket), `queued` → `running` → `done` | `failed`.
 * Progress is in steps (the report, each passage's records and photos, each passage's clips, the
 * chain proof, the upload).
 */
@Entity({ name: 'evidence_packs' })
@Index('IDX_evidence_packs_inspection', ['enterpriseId', 'inspectionId', 'createdAt'])
@Index('IDX_evidence_packs_state', ['state'])
@Check('CHK_evidence_packs_state', `"state" IN ('queued', 'running', 'done', 'failed')`)
export class EvidencePackEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_evidence_packs' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'text' })
  state!: ExportState;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ type: 'integer', default: 0 })
  steps!: number;

  /** Known once the run has read the inspection; `null` before. */
  @Column({ name: 'total_steps', type: 'integer', nullable: true })
  totalSteps!: number | null;

  /** What the run is doing now (e.g. waiting for the video archive). */
  @Column({ type: 'text', nullable: true })
  activity!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  worker!: string | null;

  @Column({ name: 'object_key', type: 'text', nullable: true })
  objectKey!: string | null;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bytes })
  bytes!: number | null;

  /** SHA-256 of the whole pack file, hex. */
  @Column({ type: 'text', nullable: true })
  sha256!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** The end of the download links: the exports bucket's lifecycle rule then removes the file. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
