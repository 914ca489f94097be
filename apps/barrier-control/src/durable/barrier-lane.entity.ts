import { Column, Entity, PrimaryColumn, UpdateDateColumn } from '@ecogate/persistence';

/** A lane's state machine (`LaneState` as JSON), written after every change. Types are explicit: tsx emits no metadata. */
@Entity({ name: 'barrier_lanes' })
export class BarrierLaneEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_barrier_lanes' })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'lane_id', type: 'text', primaryKeyConstraintName: 'PK_barrier_lanes' })
  laneId!: string;

  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
