import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/**
 * Which passage a barrier decision was recorded on. The claim that makes intake idempotent:
 * `passages` is partitioned, and a unique index there would have to include `captured_at`.
 */
@Entity({ name: 'passage_decisions' })
@Index('IDX_passage_decisions_captured_at', ['capturedAt'])
export class PassageDecisionEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_passage_decisions' })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'decision_id', type: 'text', primaryKeyConstraintName: 'PK_passage_decisions' })
  decisionId!: string;

  @Column({ name: 'passage_id', type: 'uuid' })
  passageId!: string;

  @Column({ type: 'text' })
  direction!: 'in' | 'out';

  /** The passage's partition key, so retention drops the claims with the partition. */
  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt!: Date;
}
