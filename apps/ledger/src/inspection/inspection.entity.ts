import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

export type InspectionStatus = 'open' | 'closed';
export type WindowPlacementKind = 'alert' | 'period';

/** One inspection of an enterprise's ledger over local days `from`…`to` (issue #16): its sample's seed and parameters. */
@Entity({ name: 'inspections' })
@Index('IDX_inspections_enterprise_created', ['enterpriseId', 'createdAt'])
export class InspectionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_inspections' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  /** Local dates (Asia/Shanghai), `to` inclusive. */
  @Column({ name: 'from_date', type: 'date' })
  fromDate!: string;

  @Column({ name: 'to_date', type: 'date' })
  toDate!: string;

  @Column({ type: 'text' })
  seed!: string;

  @Column({ name: 'passages_requested', type: 'integer' })
  passagesRequested!: number;

  @Column({ name: 'windows_requested', type: 'integer' })
  windowsRequested!: number;

  @Column({ name: 'window_minutes', type: 'integer' })
  windowMinutes!: number;

  @Column({ name: 'window_placement', type: 'text' })
  windowPlacement!: WindowPlacementKind;

  @Column({ type: 'text' })
  status!: InspectionStatus;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  /** The creator's display name when it was created (the token's `name`); `null` on older rows. */
  @Column({ name: 'created_by_name', type: 'text', nullable: true })
  createdByName!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_by_name', type: 'text', nullable: true })
  closedByName!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

export type InspectionItemKind = 'passage' | 'window';
/**
 * Where a window's scan by the video archive stands: `requesting` until the archive accepted it
 * (retried while it is unavailable), then the archive's own status.
 */
export type WindowScanState = 'requesting' | 'queued' | 'running' | 'done' | 'failed';
export type InspectionVerdict = 'consistent' | 'inconsistent';

/** One sampled passage or video window of an inspection, and the inspector's mark on it. */
@Entity({ name: 'inspection_items' })
@Index('IDX_inspection_items_inspection', ['enterpriseId', 'inspectionId', 'position'])
@Index('IDX_inspection_items_scan_due', ['scanDueAt'])
export class InspectionItemEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_inspection_items' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;

  @Column({ type: 'text' })
  kind!: InspectionItemKind;

  /** Draw order within its kind, from 0. */
  @Column({ type: 'integer' })
  position!: number;

  /** A passage item's passage (no foreign key: passages are partitioned and dropped after retention). */
  @Column({ name: 'passage_id', type: 'uuid', nullable: true })
  passageId!: string | null;

  @Column({ name: 'passage_captured_at', type: 'timestamptz', nullable: true })
  passageCapturedAt!: Date | null;

  @Column({ name: 'window_from', type: 'timestamptz', nullable: true })
  windowFrom!: Date | null;

  @Column({ name: 'window_until', type: 'timestamptz', nullable: true })
  windowUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  verdict!: InspectionVerdict | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'marked_by', type: 'text', nullable: true })
  markedBy!: string | null;

  @Column({ name: 'marked_by_name', type: 'text', nullable: true })
  markedByName!: string | null;

  @Column({ name: 'marked_at', type: 'timestamptz', nullable: true })
  markedAt!: Date | null;

  /** A window's scan (`null` for passages). */
  @Column({ name: 'scan_state', type: 'text', nullable: true })
  scanState!: WindowScanState | null;

  /** The archive's scan id, once it accepted the request. */
  @Column({ name: 'scan_id', type: 'text', nullable: true })
  scanId!: string | null;

  /** The archive's last report of the scan (`GET …/window-scans/{id}`), as it answered. */
  @Column({ type: 'jsonb', nullable: true })
  scan!: object | null;

  /** Failed calls to the archive in a row (the back-off's step); 0 after an answer. */
  @Column({ name: 'scan_attempts', type: 'integer', default: 0 })
  scanAttempts!: number;

  /** Why the last call to the archive failed (it is retried), or why the scan failed. */
  @Column({ name: 'scan_error', type: 'text', nullable: true })
  scanError!: string | null;

  /** When the follower next calls the archive for it; `null` once the scan is done or failed. */
  @Column({ name: 'scan_due_at', type: 'timestamptz', nullable: true })
  scanDueAt!: Date | null;
}
