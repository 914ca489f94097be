import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from '@ecogate/persistence';

/** An outage filed (备案) with the bureau before it happens. Column types explicit (no decorator metadata). */
@Entity({ name: 'outage_filings' })
@Check('CHK_outage_filings_window', '"to_at" > "from_at"')
@Index('IDX_outage_filings_window', ['enterpriseId', 'cameraId', 'fromAt', 'toAt'])
export class OutageFilingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_outage_filings' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  @Column({ name: 'from_at', type: 'timestamptz' })
  fromAt!: Date;

  @Column({ name: 'to_at', type: 'timestamptz' })
  toAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy!: string;

  @Column({ name: 'filed_at', type: 'timestamptz', default: () => 'now()' })
  filedAt!: Date;
}
