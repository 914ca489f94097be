import { type AlertLevel, type EmissionStage, type EvidenceSource } from '@ecogate/domain';
import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type PassagePhotos } from './passage.entity';

/** The sentence the lane's display showed (`message` of `gate.barrier.decided.v1`). */
export interface DecisionMessage {
  readonly zh: string;
  readonly en: string;
}

/**
 * A vehicle barrier control did not let through (deny or needs-review on a barrier lane): shown, not a passage.
 * The columns added by `AddRefusedAttemptDetails` (plate colour, stage, alert level, message,
 * operator) are null on the rows recorded before it.
 */
@Entity({ name: 'refused_attempts' })
@Index('IDX_refused_attempts_page', ['enterpriseId', 'capturedAt', 'id'])
@Index('IDX_refused_attempts_plate', ['enterpriseId', 'plate', 'capturedAt', 'id'])
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

  @Column({ name: 'plate_colour', type: 'text', nullable: true })
  plateColour!: string | null;

  @Column({ type: 'text' })
  verdict!: string;

  @Column({ type: 'jsonb' })
  reasons!: string[];

  /** The stage the decision used and where it came from; null when unknown. */
  @Column({ type: 'text', nullable: true })
  stage!: EmissionStage | null;

  @Column({ name: 'stage_source', type: 'text', nullable: true })
  stageSource!: EvidenceSource | null;

  /** The alert level in force when barrier control decided. */
  @Column({ name: 'alert_level', type: 'text', nullable: true })
  alertLevel!: AlertLevel | null;

  @Column({ type: 'jsonb', nullable: true })
  message!: DecisionMessage | null;

  /** Refused by a person (barrier control's manual refusal: reasons `manual`, an operator). */
  @Column({ type: 'boolean', default: false })
  manual!: boolean;

  /** Who refused by hand (the subject of their token) and why. */
  @Column({ name: 'operator_id', type: 'text', nullable: true })
  operatorId!: string | null;

  @Column({ name: 'operator_reason', type: 'text', nullable: true })
  operatorReason!: string | null;

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt!: Date;

  /** The decision's images, so the live view can show a refused vehicle by its decision id. */
  @Column({ type: 'jsonb', nullable: true })
  photos!: PassagePhotos | null;
}
