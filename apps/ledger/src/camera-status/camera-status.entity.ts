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

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
