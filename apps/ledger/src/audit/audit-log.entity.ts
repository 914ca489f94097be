import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/** Every manual change (who, when, what, before and after): inspectors ask for it (domain.md §6). */
@Entity({ name: 'audit_log' })
@Index('IDX_audit_log_entity', ['enterpriseId', 'entityType', 'entityId'])
export class AuditLogEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_audit_log' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;
}
