import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message written in the same transaction as the state change it announces, published later
 * by the relay. The bigserial id is the publication order.
 */
@Entity({ name: 'outbox' })
@Index('IDX_outbox_unsent', ['id'], { where: '"sent_at" IS NULL' })
@Index('IDX_outbox_sent_at', ['sentAt'], { where: '"sent_at" IS NOT NULL' })
export class OutboxMessageEntity {
  /** bigint comes back from pg as a string (it may exceed 2^53). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_outbox' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  key!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Failed publish attempts; with `last_error` it tells an operator why the outbox is stuck. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
