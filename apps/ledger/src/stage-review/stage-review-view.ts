import { type VehicleStageReviewEntity, type ReviewedSource } from './vehicle-stage-review.entity';

/** A vehicle's review as the API shows it (`GET vehicles/:plate`, `GET vehicle-reviews`, inspections). */
export interface StageReviewView {
  readonly plate: string;
  readonly state: 'open' | 'resolved';
  /** Each source's latest stage, strongest source first. */
  readonly sources: readonly ReviewedSource[];
  readonly flaggedAt: Date;
  readonly resolvedBy: string | null;
  readonly resolvedAt: Date | null;
  readonly note: string | null;
}

export const stageReviewView = (row: VehicleStageReviewEntity): StageReviewView => ({
  plate: row.plate,
  state: row.state,
  sources: row.sources,
  flaggedAt: row.flaggedAt,
  resolvedBy: row.resolvedBy,
  resolvedAt: row.resolvedAt,
  note: row.note,
});
