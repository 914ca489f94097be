import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import { type DeliveryState } from './delivery-state';

/** One ledger passage direction (one revision) to deliver to the platform. Types are explicit: tsx emits no metadata. */
@Entity({ name: 'upload_deliveries' })
@Index('IDX_upload_deliveries_dispatch', ['enterpriseId', 'state', 'capturedAt'])
@Index('IDX_upload_deliveries_passage', ['enterpriseId', 'passageId', 'direction'])
export class DeliveryEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_upload_deliveries' })
  serial!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'passage_id', type: 'text' })
  passageId!: string;

  @Column({ type: 'text' })
  direction!: 'in' | 'out';

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt!: Date;

  /** When the ledger event reached us: the denominator of the daily transmission rate. */
  @Column({ name: 'produced_at', type: 'timestamptz', default: () => 'now()' })
  producedAt!: Date;

  /** The event payload as received. */
  @Column({ type: 'jsonb' })
  passage!: LedgerPassageRecordedV1;

  /** Operator corrections, applied over the mapped protocol payload. */
  @Column({ type: 'jsonb', nullable: true })
  overrides!: Record<string, unknown> | null;

  @Column({ type: 'text', default: 'pending' })
  state!: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  /** Who holds the record while `in-flight`, and until when. */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken!: string | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  /** `accepted` or `duplicate`: a duplicate was accepted by an earlier attempt. */
  @Column({ name: 'ack_status', type: 'text', nullable: true })
  ackStatus!: 'accepted' | 'duplicate' | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
