import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/** One enterprise of the city's directory (the gateway owns it; services learn it from events). */
@Entity({ name: 'enterprises' })
export class EnterpriseEntity {
  @PrimaryColumn({ name: 'id', type: 'text', primaryKeyConstraintName: 'PK_enterprises' })
  id!: string;

  /** 统一社会信用代码: one directory entry per legal entity. */
  @Index('UQ_enterprises_credit_code', { unique: true })
  @Column({ name: 'credit_code', type: 'text' })
  creditCode!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'industry', type: 'text' })
  industry!: string;

  /** Inspectors' scope is by district, so it is looked up by district. */
  @Index('IDX_enterprises_district_code')
  @Column({ name: 'district_code', type: 'text' })
  districtCode!: string;

  @Column({ name: 'performance_class', type: 'text' })
  performanceClass!: string;

  @Column({ name: 'video_retention_days', type: 'integer' })
  videoRetentionDays!: number;

  @Column({ name: 'ledger_retention_days', type: 'integer' })
  ledgerRetentionDays!: number;

  @Column({ name: 'active', type: 'boolean' })
  active!: boolean;

  /** Starts at 1; every change adds one (the event carries it, consumers ignore older ones). */
  @Column({ name: 'revision', type: 'integer' })
  revision!: number;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
