import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per (consumer group, event) already handled; the primary key makes the claim atomic. */
@Entity({ name: 'processed_events' })
@Index('IDX_processed_events_processed_at', ['processedAt'])
export class ProcessedEventEntity {
  @PrimaryColumn({ name: 'consumer_group', type: 'text', primaryKeyConstraintName: 'PK_processed_events' })
  consumerGroup!: string;

  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'PK_processed_events' })
  eventId!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
