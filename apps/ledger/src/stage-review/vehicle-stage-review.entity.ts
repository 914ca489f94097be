import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type EmissionStage, type EvidenceSource } from '@ecogate/domain';

/** A source's latest stage as the review stores it (JSON: the time as an ISO string). */
export interface ReviewedSource {
  readonly source: EvidenceSource;
  readonly stage: EmissionStage;
  readonly at: string;
}

/**
 * A vehicle whose stage evidence disagrees between sources (`compareEvidenceBySource`): `open`
 * until a person resolves it or the sources agree again. One row per vehicle, kept once resolved
 * so the same disagreement is not raised again.
 */
@Entity({ name: 'vehicle_stage_reviews' })
@Index('IDX_vehicle_stage_reviews_state', ['enterpriseId', 'state', 'flaggedAt'])
@Check('CHK_vehicle_stage_reviews_state', `"state" IN ('open', 'resolved')`)
export class VehicleStageReviewEntity {
  @PrimaryColumn({ name: 'vehicle_id', type: 'uuid', primaryKeyConstraintName: 'PK_vehicle_stage_reviews' })
  vehicleId!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  plate!: string;

  @Column({ type: 'text' })
  state!: 'open' | 'resolved';

  /** Each source's latest stage when flagged (or when the sources agreed again). */
  @Column({ type: 'jsonb' })
  sources!: ReviewedSource[];

  @Column({ name: 'flagged_at', type: 'timestamptz' })
  flaggedAt!: Date;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
