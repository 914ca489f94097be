import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/** `view-check`: camera-ingest's comparison with the reference view (with evidence); `camera-alarm`: the camera's own. */
export type TamperSource = 'view-check' | 'camera-alarm';

/**
 * One tampering of a camera, from its `tampered` to its `recovered` (`ended_at` null while it
 * lasts), with the view check's evidence: before (reference view), after (the deciding frame) and
 * the frame that showed the view restored. Kept for inspections; `camera_statuses` keeps only the latest.
 */
@Entity({ name: 'camera_tamper_episodes' })
@Index('IDX_camera_tamper_episodes_started', ['enterpriseId', 'startedAt'])
@Index('UQ_camera_tamper_episodes_open', ['enterpriseId', 'cameraId'], {
  unique: true,
  where: '"ended_at" IS NULL',
})
export class CameraTamperEpisodeEntity {
  @PrimaryColumn({
    name: 'enterprise_id',
    type: 'text',
    primaryKeyConstraintName: 'PK_camera_tamper_episodes',
  })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'episode_id', type: 'uuid', primaryKeyConstraintName: 'PK_camera_tamper_episodes' })
  episodeId!: string;

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  /** The view check's kind (`shifted`, `covered` …); null from a camera's own alarm, which names none. */
  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  @Column({ type: 'text' })
  source!: TamperSource;

  /** The `tampered` event's reason (`view-changed`, `tamper`). */
  @Column({ type: 'text' })
  reason!: string;

  /** camera-ingest's clock, as in `camera_statuses.changed_at`. */
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** `view-restored`, `tamper-cleared`, or `kind-changed` when a tampering of another kind followed. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ name: 'reference_key', type: 'text', nullable: true })
  referenceKey!: string | null;

  @Column({ name: 'current_key', type: 'text', nullable: true })
  currentKey!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  scores!: Record<string, number> | null;

  /** The frame that showed the view restored (the `recovered` event's evidence). */
  @Column({ name: 'restored_key', type: 'text', nullable: true })
  restoredKey!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
