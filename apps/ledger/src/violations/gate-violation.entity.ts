import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

export type ViolationKind = 'tailgating' | 'cutting-in' | 'reversing' | 'u-turn' | 'opened-without-decision';

/** A violation barrier control detected at a lane (`gate.violation.detected.v1`), once per violation id. */
@Entity({ name: 'gate_violations' })
@Index('IDX_gate_violations_at', ['enterpriseId', 'at'])
export class GateViolationEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_gate_violations' })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'violation_id', type: 'text', primaryKeyConstraintName: 'PK_gate_violations' })
  violationId!: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId!: string;

  @Column({ name: 'gate_id', type: 'text' })
  gateId!: string;

  @Column({ name: 'lane_id', type: 'text' })
  laneId!: string;

  @Column({ type: 'text' })
  direction!: 'in' | 'out';

  /** Kinds are the contract's; later ones (side gate, camera tamper) are stored as they come. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  plate!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  details!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
