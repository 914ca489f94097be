import { type ObjectRef } from '@ecogate/contracts';
import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/** A plate a loading-area camera saw (`loading-area.vehicle.seen.v1`), once per sighting id. */
@Entity({ name: 'loading_area_sightings' })
@Index('IDX_loading_area_sightings_at', ['enterpriseId', 'at'])
@Index('IDX_loading_area_sightings_plate', ['enterpriseId', 'plate', 'at'])
export class LoadingAreaSightingEntity {
  @PrimaryColumn({
    name: 'enterprise_id',
    type: 'text',
    primaryKeyConstraintName: 'PK_loading_area_sightings',
  })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'sighting_id', type: 'text', primaryKeyConstraintName: 'PK_loading_area_sightings' })
  sightingId!: string;

  @Column({ name: 'capture_id', type: 'text' })
  captureId!: string;

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId!: string;

  @Column({ type: 'text' })
  plate!: string;

  @Column({ name: 'plate_colour', type: 'text' })
  plateColour!: string;

  @Column({ type: 'real' })
  confidence!: number;

  @Column({ type: 'text' })
  verdict!: 'trusted' | 'needs-review';

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb' })
  frame!: ObjectRef;

  @Column({ type: 'jsonb' })
  crop!: ObjectRef;

  @Column({ name: 'crop_box', type: 'jsonb' })
  cropBox!: { x: number; y: number; width: number; height: number };

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
