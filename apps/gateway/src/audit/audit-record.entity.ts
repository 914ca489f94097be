import { Column, Entity, Index, PrimaryGeneratedColumn } from '@ecogate/persistence';

/** One security event (等保 安全审计): when, who, what, success or failure, from where, on what. */
@Entity({ name: 'gateway_audit_log' })
@Index('IDX_gateway_audit_log_at', ['at'])
export class AuditRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_gateway_audit_log' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName!: string | null;

  @Column({ name: 'source_ip', type: 'text', nullable: true })
  sourceIp!: string | null;

  @Column({ type: 'text', nullable: true })
  object!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  detail!: object | null;
}
