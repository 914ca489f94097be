import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { VideoSegmentEntity } from './video-segment.entity';

export interface NewVideoSegment {
  readonly cameraId: string;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly bytes: number;
  readonly sha256: string;
  readonly bucket: string;
  readonly objectKey: string;
}

/** The segment index; every query is scoped to one enterprise. */
export class VideoSegmentRepository extends TenantRepository<VideoSegmentEntity> {
  constructor(dataSource: DataSource) {
    super(VideoSegmentEntity, dataSource.manager);
  }

  /** Idempotent on (camera, start): a retry after a crash between upload and index is harmless. */
  async record(enterpriseId: EnterpriseId, segment: NewVideoSegment): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO "video_segments"
         ("enterprise_id", "camera_id", "start_at", "end_at", "bytes", "sha256", "bucket", "object_key")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ("camera_id", "start_at") DO NOTHING
       RETURNING "id"`,
      [
        enterpriseId,
        segment.cameraId,
        segment.startAt,
        segment.endAt,
        segment.bytes,
        segment.sha256,
        segment.bucket,
        segment.objectKey,
      ],
    );
    return rows.length > 0;
  }

  forCamera(enterpriseId: EnterpriseId, cameraId: string): Promise<VideoSegmentEntity[]> {
    return this.find(enterpriseId, { where: { cameraId }, order: { startAt: 'ASC' } });
  }
}
