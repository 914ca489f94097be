import { Column, Entity, Index, PrimaryGeneratedColumn } from '@ecogate/persistence';

/** One archived video segment. Column types are explicit: tsx/esbuild emit no decorator metadata. */
@Entity({ name: 'video_segments' })
@Index('UQ_video_segments_camera_start', ['cameraId', 'startAt'], { unique: true })
@Index('IDX_video_segments_window', ['enterpriseId', 'cameraId', 'startAt', 'endAt'])
export class VideoSegmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_video_segments' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  @Column({ name: 'start_at', type: 'timestamptz' })
  startAt!: Date;

  @Column({ name: 'end_at', type: 'timestamptz' })
  endAt!: Date;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  bytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'text' })
  bucket!: string;

  @Column({ name: 'object_key', type: 'text' })
  objectKey!: string;

  @Column({ name: 'archived_at', type: 'timestamptz', default: () => 'now()' })
  archivedAt!: Date;
}
