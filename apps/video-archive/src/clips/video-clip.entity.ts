import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

const bigintColumn = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

export type ClipStatus = 'pending' | 'archived' | 'missing';

/**
 * One passage direction's clip from one camera: requested when the passage arrives, then archived
 * (object in MinIO) or missing (with the reason). Column types are explicit: no decorator metadata.
 */
@Entity({ name: 'video_clips' })
@Check('CHK_video_clips_status', `"status" IN ('pending', 'archived', 'missing')`)
@Index('UQ_video_clips_passage_camera', ['enterpriseId', 'passageId', 'direction', 'cameraId'], {
  unique: true,
})
@Index('IDX_video_clips_unfinished', ['requestedTo'], { where: '"published_at" IS NULL' })
export class VideoClipEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_video_clips' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId!: string;

  @Column({ name: 'passage_id', type: 'text' })
  passageId!: string;

  @Column({ type: 'text' })
  direction!: 'in' | 'out';

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt!: Date;

  @Column({ name: 'requested_from', type: 'timestamptz' })
  requestedFrom!: Date;

  @Column({ name: 'requested_to', type: 'timestamptz' })
  requestedTo!: Date;

  @Column({ name: 'give_up_at', type: 'timestamptz' })
  giveUpAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: ClipStatus;

  @Column({ name: 'actual_from', type: 'timestamptz', nullable: true })
  actualFrom!: Date | null;

  @Column({ name: 'actual_to', type: 'timestamptz', nullable: true })
  actualTo!: Date | null;

  @Column({ type: 'text', nullable: true })
  bucket!: string | null;

  @Column({ name: 'object_key', type: 'text', nullable: true })
  objectKey!: string | null;

  @Column({ type: 'text', nullable: true })
  sha256!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintColumn })
  bytes!: number | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
