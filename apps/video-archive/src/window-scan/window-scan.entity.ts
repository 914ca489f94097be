import { Check, Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type StoredScanResult } from './window-scan.view';

export type WindowScanStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * One scan of a window of archived video for plates. `camera_ids` is resolved when the scan is
 * asked for; `result` (cameras' coverage, plate sightings with their best frame's object) is
 * written once, when the scan is done. Column types are explicit: no decorator metadata.
 */
@Entity({ name: 'video_window_scans' })
@Check('CHK_video_window_scans_status', `"status" IN ('queued', 'running', 'done', 'failed')`)
@Index('UQ_video_window_scans_window', ['enterpriseId', 'windowKey'], { unique: true })
@Index('IDX_video_window_scans_unfinished', ['createdAt'], { where: `"status" IN ('queued', 'running')` })
export class WindowScanEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_video_window_scans' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  /** `from|to|cameras` as asked (cameras sorted, `*` for all): what makes a request the same. */
  @Column({ name: 'window_key', type: 'text' })
  windowKey!: string;

  @Column({ name: 'from_at', type: 'timestamptz' })
  fromAt!: Date;

  @Column({ name: 'to_at', type: 'timestamptz' })
  toAt!: Date;

  @Column({ name: 'camera_ids', type: 'text', array: true })
  cameraIds!: string[];

  @Column({ type: 'text', default: 'queued' })
  status!: WindowScanStatus;

  @Column({ name: 'frames_done', type: 'integer', default: 0 })
  framesDone!: number;

  @Column({ name: 'frames_total', type: 'integer', default: 0 })
  framesTotal!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: StoredScanResult | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
