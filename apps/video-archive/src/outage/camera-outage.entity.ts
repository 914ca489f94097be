import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from '@ecogate/persistence';
import { OutageFilingEntity } from './outage-filing.entity';

/** A recording gap longer than the tolerance; `filingId` set when a filing covered it. */
@Entity({ name: 'camera_outages' })
@Index('UQ_camera_outages_start', ['enterpriseId', 'cameraId', 'startAt'], { unique: true })
export class CameraOutageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_camera_outages' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  @Column({ name: 'start_at', type: 'timestamptz' })
  startAt!: Date;

  @Column({ name: 'end_at', type: 'timestamptz' })
  endAt!: Date;

  @Column({ name: 'filing_id', type: 'uuid', nullable: true })
  filingId!: string | null;

  @ManyToOne(() => OutageFilingEntity, { nullable: true, onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'filing_id', foreignKeyConstraintName: 'FK_camera_outages_filing' })
  filing?: OutageFilingEntity | null;

  @Column({ name: 'detected_at', type: 'timestamptz', default: () => 'now()' })
  detectedAt!: Date;
}
