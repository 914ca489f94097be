import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type AlertLevel } from '@ecogate/domain';

/** History of an enterprise's heavy-pollution alert level; the latest row is in force. */
@Entity({ name: 'alert_levels' })
@Index('IDX_alert_levels_enterprise_set_at', ['enterpriseId', 'setAt'])
export class AlertLevelEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_alert_levels' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  level!: AlertLevel;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'set_by', type: 'text' })
  setBy!: string;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;
}
