import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type PassagePhotos } from './passage.entity';

/** A vehicle barrier control did not let through (deny or needs-review on a barrier lane): shown, not a passage. */
@Entity({ name: 'refused_attempts' })
@Index('IDX_refused_attempts_window', ['enterpriseId', 'capturedAt'])
@Index('UQ_refused_attempts_decision', ['enterpriseId', 'decisionId'], { unique: true })
export class RefusedAttemptEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_refused_attempts' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'decision_id', type: 'text' })
  decisionId!: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId!: string;

  @Column({ name: 'gate_id', type: 'text' })
  gateId!: string;

  @Column({ name: 'lane_id', type: 'text' })
  laneId!: string;

  @Column({ type: 'text' })
  direction!: 'in' | 'out';

  @Column({ type: 'text' })
  plate!: string;

  @Column({ type: 'text' })
  verdict!: string;

  @Column({ type: 'jsonb' })
  reasons!: string[];

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt!: Date;

  /** The decision's images, so the live view can show a refused vehicle by its decision id. */
  @Column({ type: 'jsonb', nullable: true })
  photos!: PassagePhotos | null;
}
