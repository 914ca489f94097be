import { Column, CreateDateColumn, Entity, PrimaryColumn } from '@ecogate/persistence';

/**
 * One row per capture a camera pushed, keyed by the vendor's idempotency key: the primary key
 * makes "first push wins" atomic, so a re-push publishes nothing new.
 */
@Entity({ name: 'push_receipts' })
export class PushReceiptEntity {
  @PrimaryColumn({ name: 'device_id', type: 'text', primaryKeyConstraintName: 'PK_push_receipts' })
  deviceId!: string;

  @PrimaryColumn({ name: 'vendor_key', type: 'text', primaryKeyConstraintName: 'PK_push_receipts' })
  vendorKey!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @CreateDateColumn({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
