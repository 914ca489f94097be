import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { VideoSegmentEntity } from '../segment/video-segment.entity';

/** Time-window reads of the segment index (clips and playback), scoped to one enterprise. */
export class SegmentWindowRepository extends TenantRepository<VideoSegmentEntity> {
  constructor(dataSource: DataSource) {
    super(VideoSegmentEntity, dataSource.manager);
  }

  /** Segments of the camera that overlap [from, to), oldest first (uses the window index). */
  overlapping(
    enterpriseId: EnterpriseId,
    cameraId: string,
    from: Date,
    to: Date,
  ): Promise<VideoSegmentEntity[]> {
    return this.scopedQueryBuilder(enterpriseId, 's')
      .andWhere('s.cameraId = :cameraId', { cameraId })
      .andWhere('s.startAt < :to', { to })
      .andWhere('s.endAt > :from', { from })
      .orderBy('s.startAt', 'ASC')
      .getMany();
  }

  /** The enterprise's cameras with video overlapping [from, to), sorted. */
  async camerasIn(enterpriseId: EnterpriseId, from: Date, to: Date): Promise<string[]> {
    const rows: { cameraId: string }[] = await this.scopedQueryBuilder(enterpriseId, 's')
      .select('s.cameraId', 'cameraId')
      .distinct(true)
      .andWhere('s.startAt < :to', { to })
      .andWhere('s.endAt > :from', { from })
      .getRawMany();
    return rows.map((row) => row.cameraId).sort();
  }

  /** Whether the enterprise has ever archived video of this camera. */
  hasCamera(enterpriseId: EnterpriseId, cameraId: string): Promise<boolean> {
    return this.exists(enterpriseId, { cameraId });
  }
}
