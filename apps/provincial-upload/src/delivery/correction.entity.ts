import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/** Audit trail of operator corrections: who changed which record, when, from what to what. */
@Entity({ name: 'upload_corrections' })
@Index('IDX_upload_corrections_serial', ['enterpriseId', 'serial'])
export class CorrectionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_upload_corrections' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  serial!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'corrected_at', type: 'timestamptz', default: () => 'now()' })
  correctedAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb' })
  after!: Record<string, unknown>;

  @Column({ name: 'previous_reason', type: 'text', nullable: true })
  previousReason!: string | null;
}
