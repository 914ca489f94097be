import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type DrivingLicenceRead, type InventoryListRead, type ObjectRef } from '@ecogate/contracts';

export const DOCUMENT_READ_STATES = ['queued', 'read', 'needs-person', 'confirmed'] as const;
/**
 * `queued` until plate recognition answers (retried while it cannot, `reason` says why); `read`
 * when the answer became stage evidence by itself; `needs-person` when a person must look
 * (`outcome` and `reason` say why, a licence's fields wait for confirmation); `confirmed` once a
 * person confirmed or corrected it.
 */
export type DocumentReadState = (typeof DOCUMENT_READ_STATES)[number];

/** One read of a stored vehicle document by plate recognition (a background job and its result). */
@Entity({ name: 'vehicle_document_reads' })
@Index('IDX_vehicle_document_reads_vehicle', ['enterpriseId', 'vehicleId', 'createdAt'])
@Index('IDX_vehicle_document_reads_due', ['state', 'dueAt'])
@Index('IDX_vehicle_document_reads_batch', ['enterpriseId', 'batchId'])
@Index('IDX_vehicle_document_reads_evidence', ['evidenceId'])
@Check('CHK_vehicle_document_reads_state', `"state" IN ('queued', 'read', 'needs-person', 'confirmed')`)
@Check('CHK_vehicle_document_reads_kind', `"kind" IN ('inventory-list', 'driving-licence')`)
export class VehicleDocumentReadEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_vehicle_document_reads' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'vehicle_id', type: 'uuid' })
  vehicleId!: string;

  @Column({ type: 'text' })
  plate!: string;

  @Column({ type: 'text' })
  kind!: 'inventory-list' | 'driving-licence';

  /** The document read, as stored when the read was queued. */
  @Column({ type: 'jsonb' })
  document!: ObjectRef;

  @Column({ type: 'text' })
  state!: DocumentReadState;

  /** What the read became (`stage-recorded`, `vin-mismatch`, `licence-read`…); `null` while queued. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** In words: why it waits (queued) or why a person must look. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Plate recognition's answer as received (the proof of what was read). */
  @Column({ type: 'jsonb', nullable: true })
  result!: InventoryListRead | DrivingLicenceRead | null;

  /** The stage evidence this read produced (source `document`, or `inferred` after a confirmation). */
  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;

  /** Calls to plate recognition that failed since the last answer (the back-off grows with them). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When a queued read is next tried (also the lease of the replica that took it); `null` once read. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** The backfill that queued it; `null` when queued by an upload. */
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'confirmed_by', type: 'text', nullable: true })
  confirmedBy!: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;
}
