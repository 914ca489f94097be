import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from '@ecogate/persistence';

/**
 * One capture (vehicle) at a lane: its reads, the read held for fusion, the decision taken and the
 * automatic open of the barrier. The primary key is what makes a second decision after a restart
 * impossible. Types are explicit: tsx emits no metadata.
 */
@Entity({ name: 'barrier_captures' })
@Index('IDX_barrier_captures_lane_seen', ['enterpriseId', 'laneId', 'seenAt'])
export class BarrierCaptureEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_barrier_captures' })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'lane_id', type: 'text', primaryKeyConstraintName: 'PK_barrier_captures' })
  laneId!: string;

  @PrimaryColumn({ name: 'capture_id', type: 'text', primaryKeyConstraintName: 'PK_barrier_captures' })
  captureId!: string;

  /** `CaptureReads`: the camera's read and the server's. */
  @Column({ type: 'jsonb' })
  reads!: Record<string, unknown>;

  @Column({ name: 'held_until', type: 'timestamptz', nullable: true })
  heldUntil!: Date | null;

  /** The latest `gate.barrier.decided.v1` payload taken on the capture. */
  @Column({ type: 'jsonb', nullable: true })
  decision!: Record<string, unknown> | null;

  @Column({ name: 'decided_read_ids', type: 'text', array: true })
  decidedReadIds!: string[];

  @Column({ name: 'open_decision_id', type: 'text', nullable: true })
  openDecisionId!: string | null;

  /** `pending` (written before the driver is called), `done` or `failed`. */
  @Column({ name: 'open_outcome', type: 'text', nullable: true })
  openOutcome!: string | null;

  @Column({ name: 'seen_at', type: 'timestamptz' })
  seenAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
