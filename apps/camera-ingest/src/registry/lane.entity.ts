import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from '@ecogate/persistence';

export const LANE_DIRECTIONS = ['in', 'out'] as const;
export type LaneDirection = (typeof LANE_DIRECTIONS)[number];
/** interfaces.md §5: auto, always-open (event/emergency), closed, record-only (no barrier). */
export const LANE_MODES = ['auto', 'always-open', 'closed', 'record-only'] as const;
export type LaneMode = (typeof LANE_MODES)[number];

@Entity({ name: 'lanes' })
export class LaneEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_lanes' })
  enterpriseId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_lanes' })
  id!: string;

  @Column({ name: 'gate_id', type: 'text' })
  gateId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  direction!: LaneDirection;

  @Column({ type: 'text' })
  mode!: LaneMode;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
