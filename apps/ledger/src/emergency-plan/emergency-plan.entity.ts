import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/**
 * One filed revision of an enterprise's emergency plan (一厂一策, domain.md §4). Rows are only
 * added; the highest revision is in force. Exemption dates are stored as ISO strings.
 */
@Entity({ name: 'emergency_plans' })
@Index('UQ_emergency_plans_revision', ['enterpriseId', 'revision'], { unique: true })
export class EmergencyPlanEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_emergency_plans' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  /** The domain's `EmergencyPlan` as JSON. */
  @Column({ type: 'jsonb' })
  plan!: object;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy!: string;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;
}
