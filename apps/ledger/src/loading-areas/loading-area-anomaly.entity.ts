import { type LoadingAreaAnomalyKind, type ObjectRef } from '@ecogate/contracts';
import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/**
 * An anti-evasion anomaly the ledger found (docs/loading-areas.md), once per anomaly id (derived
 * from its kind and the sighting or gate row it is about), with its evidence.
 */
@Entity({ name: 'loading_area_anomalies' })
@Index('IDX_loading_area_anomalies_at', ['enterpriseId', 'at'])
export class LoadingAreaAnomalyEntity {
  @PrimaryColumn({
    name: 'enterprise_id',
    type: 'text',
    primaryKeyConstraintName: 'PK_loading_area_anomalies',
  })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'anomaly_id', type: 'text', primaryKeyConstraintName: 'PK_loading_area_anomalies' })
  anomalyId!: string;

  @Column({ type: 'text' })
  kind!: LoadingAreaAnomalyKind;

  @Column({ type: 'text' })
  plate!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'sighting_id', type: 'text', nullable: true })
  sightingId!: string | null;

  @Column({ name: 'camera_id', type: 'text', nullable: true })
  cameraId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  frame!: ObjectRef | null;

  @Column({ type: 'jsonb', nullable: true })
  crop!: ObjectRef | null;

  /** The passages it rests on (an overdue entry, a lone exit, the last exit before a sighting). */
  @Column({ name: 'passage_ids', type: 'jsonb' })
  passageIds!: string[];

  @Column({ name: 'refusal_ids', type: 'jsonb' })
  refusalIds!: string[];

  /** The Beijing day the search for a missing gate row started on. */
  @Column({ name: 'searched_from', type: 'date', nullable: true })
  searchedFrom!: string | null;

  @Column({ name: 'detected_at', type: 'timestamptz', default: () => 'now()' })
  detectedAt!: Date;
}
