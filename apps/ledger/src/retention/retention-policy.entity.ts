import { Column, Entity, PrimaryColumn } from '@ecogate/persistence';

/** An enterprise's ledger retention in days, at or above the legal floor (domain.md §1). */
@Entity({ name: 'retention_policies' })
export class RetentionPolicyEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_retention_policies' })
  enterpriseId!: string;

  @Column({ name: 'ledger_days', type: 'integer' })
  ledgerDays!: number;

  @Column({ name: 'set_by', type: 'text' })
  setBy!: string;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;
}
