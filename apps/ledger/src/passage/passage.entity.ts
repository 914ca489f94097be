import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type ObjectRef } from '@ecogate/contracts';
import { type EmissionStage, type EvidenceSource, type SettledBy } from '@ecogate/domain';
import { type ReviewReason, type ReviewState } from '../review/review-reasons';

export type LedgerPassageState = 'inside' | 'completed' | 'exit-without-entry';

export interface PassagePhotos {
  readonly vehicle?: ObjectRef;
  readonly plate?: ObjectRef;
}

/** One plate read behind a side's decision (`reads` of `gate.barrier.decided.v1`). */
export interface DecisionRead {
  readonly text: string;
  readonly colour?: string;
  readonly confidence?: number;
  readonly verdict: 'trusted' | 'needs-review';
  /** The recogniser's own text, when what the site knows settled the read (`settledBy`). */
  readonly rawText?: string;
  readonly settledBy?: SettledBy;
}

/** The camera's and the server's reads of a side, kept for the reviewer (both when they disagreed). */
export interface DecisionReads {
  readonly camera?: DecisionRead;
  readonly server?: DecisionRead;
}

/** A side entered by a person because no camera recorded it (`POST passages/manual`). */
export interface ManualSide {
  /** The client's idempotency key: a retried request returns this passage. */
  readonly requestId: string;
  /** SHA-256 of the request as validated: the same key with another request is refused. */
  readonly requestHash: string;
  /** The caller's subject. */
  readonly by: string;
  readonly reason: string;
  readonly note?: string;
  /** When it was entered (ISO), as opposed to the capture time the person gave. */
  readonly at: string;
}

/** numeric comes back from pg as a string. */
const tonnes = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** bigint comes back from pg as a string; a drift in ms fits a JS number exactly. */
const milliseconds = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One passage of ledger A: an entry/exit pair of one vehicle (domain.md §2). Each direction keeps
 * its own decision, photos and event revision; `revision` counts every change of the row.
 * The table is RANGE-partitioned by month on `captured_at` (migration 1796400000000), so the key
 * is (id, captured_at); decision idempotency lives in `passage_decisions`.
 */
@Entity({ name: 'passages' })
@Index('IDX_passages_window', ['enterpriseId', 'capturedAt', 'id'])
@Index('IDX_passages_open', ['enterpriseId', 'plate', 'state'])
@Index('IDX_passages_review', ['enterpriseId', 'reviewState', 'capturedAt', 'id'])
export class PassageEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_passages' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId!: string;

  @Column({ type: 'text' })
  plate!: string;

  @Column({ name: 'plate_colour', type: 'text' })
  plateColour!: string;

  @Column({ type: 'text' })
  state!: LedgerPassageState;

  /**
   * The first capture of the passage (entry, or the exit of an exit without entry): the partition
   * key. The camera's time, bounded against receipt (`boundCaptureTime`): a camera clock off by more
   * than `LEDGER_CLOCK_DRIFT_*` gives the receipt time here and its drift in `*ClockDriftMs`.
   */
  @PrimaryColumn({ name: 'captured_at', type: 'timestamptz', primaryKeyConstraintName: 'PK_passages' })
  capturedAt!: Date;

  /** When the ledger received the passage's first decision (its clock): retention counts from it. */
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ name: 'entry_gate_id', type: 'text', nullable: true })
  entryGateId!: string | null;

  @Column({ name: 'entry_lane_id', type: 'text', nullable: true })
  entryLaneId!: string | null;

  @Column({ name: 'entry_captured_at', type: 'timestamptz', nullable: true })
  entryCapturedAt!: Date | null;

  @Column({ name: 'entry_decision_id', type: 'text', nullable: true })
  entryDecisionId!: string | null;

  @Column({ name: 'entry_verdict', type: 'text', nullable: true })
  entryVerdict!: string | null;

  @Column({ name: 'entry_reasons', type: 'jsonb', nullable: true })
  entryReasons!: string[] | null;

  @Column({ name: 'entry_photos', type: 'jsonb', nullable: true })
  entryPhotos!: PassagePhotos | null;

  /** Entry camera time − receipt time when the camera's clock was not believed; `null` otherwise. */
  @Column({ name: 'entry_clock_drift_ms', type: 'bigint', nullable: true, transformer: milliseconds })
  entryClockDriftMs!: number | null;

  @Column({ name: 'entry_reads', type: 'jsonb', nullable: true })
  entryReads!: DecisionReads | null;

  @Column({ name: 'entry_manual', type: 'jsonb', nullable: true })
  entryManual!: ManualSide | null;

  /** Revision of the published entry event; 0 while not published. */
  @Column({ name: 'entry_revision', type: 'integer', default: 0 })
  entryRevision!: number;

  @Column({ name: 'exit_gate_id', type: 'text', nullable: true })
  exitGateId!: string | null;

  @Column({ name: 'exit_lane_id', type: 'text', nullable: true })
  exitLaneId!: string | null;

  @Column({ name: 'exit_captured_at', type: 'timestamptz', nullable: true })
  exitCapturedAt!: Date | null;

  @Column({ name: 'exit_decision_id', type: 'text', nullable: true })
  exitDecisionId!: string | null;

  @Column({ name: 'exit_verdict', type: 'text', nullable: true })
  exitVerdict!: string | null;

  @Column({ name: 'exit_reasons', type: 'jsonb', nullable: true })
  exitReasons!: string[] | null;

  @Column({ name: 'exit_photos', type: 'jsonb', nullable: true })
  exitPhotos!: PassagePhotos | null;

  @Column({ name: 'exit_clock_drift_ms', type: 'bigint', nullable: true, transformer: milliseconds })
  exitClockDriftMs!: number | null;

  @Column({ name: 'exit_reads', type: 'jsonb', nullable: true })
  exitReads!: DecisionReads | null;

  @Column({ name: 'exit_manual', type: 'jsonb', nullable: true })
  exitManual!: ManualSide | null;

  @Column({ name: 'exit_revision', type: 'integer', default: 0 })
  exitRevision!: number;

  /** The stage that applied at the gate, with its source. */
  @Column({ type: 'text', nullable: true })
  stage!: EmissionStage | null;

  @Column({ name: 'stage_source', type: 'text', nullable: true })
  stageSource!: EvidenceSource | null;

  @Column({ name: 'cargo_name', type: 'text', nullable: true })
  cargoName!: string | null;

  @Column({
    name: 'cargo_tonnes',
    type: 'numeric',
    precision: 4,
    scale: 1,
    nullable: true,
    transformer: tonnes,
  })
  cargoTonnes!: number | null;

  @Column({ type: 'text', nullable: true })
  fleet!: string | null;

  /** Share of ledger A's required fields present, 0..1, when the row was last written. */
  @Column({ type: 'real' })
  completeness!: number;

  @Column({ name: 'missing_fields', type: 'jsonb' })
  missingFields!: string[];

  /** Some side was entered by a person (`entryManual` / `exitManual`). */
  @Column({ type: 'boolean', default: false })
  manual!: boolean;

  /** The review queue (待确认): `open`, `resolved`, or `null` when no person is needed. */
  @Column({ name: 'review_state', type: 'text', nullable: true })
  reviewState!: ReviewState | null;

  /** Why it needed a person (`reviewReasonsOf`), kept after the resolution; `null` for none. */
  @Column({ name: 'review_reasons', type: 'jsonb', nullable: true })
  reviewReasons!: ReviewReason[] | null;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote!: string | null;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
