import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/**
 * One take of a camera's reference view: the image (object storage), its signature (what the view
 * check compares with) and who took it, when and why. Rows are never deleted: a re-take sets
 * `replaced_at` on the one before, so the history is the audit trail.
 */
@Entity({ name: 'camera_reference_views' })
@Index('IDX_camera_reference_views_camera', ['enterpriseId', 'cameraId', 'takenAt'])
// One current view per camera: a re-take replaces it in the same transaction.
@Index('UQ_camera_reference_views_current', ['enterpriseId', 'cameraId'], {
  unique: true,
  where: '"replaced_at" IS NULL',
})
export class CameraReferenceViewEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_camera_reference_views' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  @Column({ name: 'image_bucket', type: 'text' })
  imageBucket!: string;

  @Column({ name: 'image_key', type: 'text' })
  imageKey!: string;

  @Column({ name: 'image_sha256', type: 'text' })
  imageSha256!: string;

  @Column({ name: 'image_bytes', type: 'integer' })
  imageBytes!: number;

  @Column({ type: 'jsonb' })
  signature!: object;

  @Column({ name: 'taken_by', type: 'text' })
  takenBy!: string;

  @Column({ name: 'taken_by_role', type: 'text' })
  takenByRole!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'taken_at', type: 'timestamptz' })
  takenAt!: Date;

  @Column({ name: 'replaced_at', type: 'timestamptz', nullable: true })
  replacedAt!: Date | null;
}

/** What the view check last published for a camera (null: as commissioned). */
@Entity({ name: 'camera_view_states' })
export class CameraViewStateEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_camera_view_states' })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'camera_id', type: 'text', primaryKeyConstraintName: 'PK_camera_view_states' })
  cameraId!: string;

  @Column({ name: 'tamper_kind', type: 'text', nullable: true })
  tamperKind!: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
