import { Column, Entity, PrimaryColumn } from '@ecogate/persistence';

export type CameraStatus = 'online' | 'offline' | 'recovered' | 'tampered';

/**
 * Each camera's latest status as camera-ingest published it (`camera.status.changed.v1`), so the
 * alert view can say which cameras are offline now without asking another service.
 */
@Entity({ name: 'camera_statuses' })
export class CameraStatusEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_camera_statuses' })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'camera_id', type: 'text', primaryKeyConstraintName: 'PK_camera_statuses' })
  cameraId!: string;

  @Column({ type: 'text' })
  status!: CameraStatus;

  @Column({ type: 'text' })
  reason!: string;

  /** When camera-ingest saw the change (its clock). */
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  /** The view check's evidence (issue #17), when the change came from it: the kind and the before/after keys. */
  @Column({ name: 'tamper_kind', type: 'text', nullable: true })
  tamperKind!: string | null;

  @Column({ name: 'tamper_reference_key', type: 'text', nullable: true })
  tamperReferenceKey!: string | null;

  @Column({ name: 'tamper_current_key', type: 'text', nullable: true })
  tamperCurrentKey!: string | null;

  @Column({ name: 'tamper_scores', type: 'jsonb', nullable: true })
  tamperScores!: Record<string, number> | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
