import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/** Where a vehicle's stage lookup stands (docs/stage-lookup.md, The ledger's side). */
export const STAGE_LOOKUP_STATES = [
  /** Waiting for the follower (asked for, or a VIN set). */
  'queued',
  /** The source gave no answer (timeout, 5xx, unreachable, 429): asked again at `due_at`. */
  'retrying',
  'found',
  'not-found',
  /** The source holds records with different stages: no evidence written, the answer kept for a person. */
  'conflicting',
  /** The source refused the city's credentials: not retried until asked again (an operator's fix). */
  'unauthorized',
] as const;
export type StageLookupState = (typeof STAGE_LOOKUP_STATES)[number];

/** `key-set`: a VIN or disclosure number set by `PUT vehicles/:plate`; `discovered`: found by the follower without a lookup. */
export const STAGE_LOOKUP_TRIGGERS = ['key-set', 'on-demand', 'discovered'] as const;
export type StageLookupTrigger = (typeof STAGE_LOOKUP_TRIGGERS)[number];

/** One row per vehicle: its latest lookup, the answer kept as proof of what the source said. */
@Entity({ name: 'vehicle_stage_lookups' })
@Index('IDX_vehicle_stage_lookups_enterprise', ['enterpriseId'])
@Index('IDX_vehicle_stage_lookups_due', ['dueAt'])
@Check(
  'CHK_vehicle_stage_lookups_state',
  `"state" IN ('queued', 'retrying', 'found', 'not-found', 'conflicting', 'unauthorized')`,
)
export class VehicleStageLookupEntity {
  @PrimaryColumn({ name: 'vehicle_id', type: 'uuid', primaryKeyConstraintName: 'PK_vehicle_stage_lookups' })
  vehicleId!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  state!: StageLookupState;

  @Column({ type: 'text' })
  trigger!: StageLookupTrigger;

  /** `vin` or `disclosure-number`, and its value, as last asked. */
  @Column({ name: 'key_kind', type: 'text', nullable: true })
  keyKind!: string | null;

  @Column({ name: 'key_value', type: 'text', nullable: true })
  keyValue!: string | null;

  /** Unanswered tries since the last answer (the back-off's exponent). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the follower takes it (next try, or the end of a replica's lease); null once answered. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** The source's answer time (`answeredAt`), from the cache or the wire. */
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'from_cache', type: 'boolean', default: false })
  fromCache!: boolean;

  /** The answer as the protocol gave it (found / not-found / conflict). */
  @Column({ type: 'jsonb', nullable: true })
  answer!: unknown;

  /** Why the last try gave no answer (names no credential). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The source record and stage last written as `platform-query` evidence: the same answer is not written twice. */
  @Column({ name: 'evidence_record_id', type: 'text', nullable: true })
  evidenceRecordId!: string | null;

  @Column({ name: 'evidence_stage', type: 'text', nullable: true })
  evidenceStage!: string | null;

  @Column({ name: 'evidence_at', type: 'timestamptz', nullable: true })
  evidenceAt!: Date | null;
}

/** The source's answers by key, for the whole city (the same VIN in two enterprises costs one request). */
@Entity({ name: 'stage_lookup_cache' })
@Check('CHK_stage_lookup_cache_result', `"result" IN ('found', 'not-found', 'conflict')`)
export class StageLookupCacheEntity {
  @PrimaryColumn({ name: 'key_kind', type: 'text', primaryKeyConstraintName: 'PK_stage_lookup_cache' })
  keyKind!: string;

  @PrimaryColumn({ name: 'key_value', type: 'text', primaryKeyConstraintName: 'PK_stage_lookup_cache' })
  keyValue!: string;

  @Column({ type: 'text' })
  result!: string;

  @Column({ type: 'jsonb' })
  answer!: unknown;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
