import { idSchema } from '@ecogate/contracts';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { z } from 'zod';
import { ArchiveException } from '../http/archive.exception';
import { parseRequest, windowSchema } from '../http/request-parsing';
import { videoMetrics } from '../metrics/video-metrics';

export const legalHoldRequest = z.intersection(
  windowSchema,
  z.object({ hold: z.boolean().default(true), reason: z.string().trim().min(1).max(500) }),
);

export interface LegalHoldResult {
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly hold: boolean;
  /** Segment objects overlapping the window whose hold was set. */
  readonly objects: number;
}

/**
 * Legal hold on a camera's video for a disputed period: every segment overlapping the window is
 * put under (or released from) an S3 legal hold, which blocks deletion even by someone allowed
 * to bypass GOVERNANCE retention, until it is released. Each request is audited.
 */
export class LegalHoldService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: ObjectStorage,
    private readonly logger: Logger,
  ) {}

  async apply(
    enterpriseId: EnterpriseId,
    cameraId: string,
    body: unknown,
    requestedBy: string,
  ): Promise<LegalHoldResult> {
    const camera = parseRequest(idSchema, cameraId);
    const request = parseRequest(legalHoldRequest, body);
    const segments: { bucket: string; object_key: string }[] = await this.dataSource.query(
      `SELECT "bucket", "object_key" FROM "video_segments"
        WHERE "enterprise_id" = $1 AND "camera_id" = $2 AND "start_at" < $4 AND "end_at" > $3
        ORDER BY "start_at"`,
      [enterpriseId, camera, new Date(request.from), new Date(request.to)],
    );
    if (segments.length === 0) {
      throw new ArchiveException('no-video-in-window', `no archived video of ${camera} in that window`);
    }
    for (const segment of segments) {
      await this.storage.setLegalHold(segment.bucket, segment.object_key, request.hold);
    }
    await this.dataSource.query(
      `INSERT INTO "legal_holds"
         ("enterprise_id", "camera_id", "from_at", "to_at", "hold", "reason", "requested_by", "objects")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        enterpriseId,
        camera,
        new Date(request.from),
        new Date(request.to),
        request.hold,
        request.reason,
        requestedBy,
        segments.length,
      ],
    );
    videoMetrics.legalHolds.add(segments.length, { hold: String(request.hold) });
    this.logger.info(
      {
        enterpriseId,
        camera,
        from: request.from,
        to: request.to,
        hold: request.hold,
        requestedBy,
        objects: segments.length,
      },
      request.hold ? 'legal hold placed' : 'legal hold released',
    );
    return {
      cameraId: camera,
      from: new Date(request.from).toISOString(),
      to: new Date(request.to).toISOString(),
      hold: request.hold,
      objects: segments.length,
    };
  }
}
