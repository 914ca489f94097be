import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/**
 * Audit trail of operator actions that make the service send again or resume sending: who
 * (the token's subject and role), what, on which records, when. Corrections have their own
 * table (`upload_corrections`) with the before and after.
 */
@Entity({ name: 'upload_operator_actions' })
@Index('IDX_upload_operator_actions_enterprise', ['enterpriseId', 'at'])
export class OperatorActionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_upload_operator_actions' })
  id!: string;

  @Column({ type: 'text' })
  action!: 're-push' | 'resume';

  /** The authenticated caller's subject (a user id, or a service's name). */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  /** Absent for city-wide actions (resume). */
  @Column({ name: 'enterprise_id', type: 'text', nullable: true })
  enterpriseId!: string | null;

  /** One record's re-push. */
  @Column({ type: 'text', nullable: true })
  serial!: string | null;

  /** A range re-push: records captured in [from, to). */
  @Column({ name: 'captured_from', type: 'timestamptz', nullable: true })
  capturedFrom!: Date | null;

  @Column({ name: 'captured_to', type: 'timestamptz', nullable: true })
  capturedTo!: Date | null;

  /** How many records the action queued again. */
  @Column({ type: 'integer', nullable: true })
  queued!: number | null;

  /** What the action cleared (resume: the halt). */
  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
