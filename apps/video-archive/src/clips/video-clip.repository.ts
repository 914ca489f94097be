import {
  type DataSource,
  type EnterpriseId,
  parseEnterpriseId,
  TenantRepository,
} from '@ecogate/persistence';
import { VideoClipEntity } from './video-clip.entity';

export interface ClipRequest {
  readonly id: string;
  readonly siteId: string;
  readonly passageId: string;
  readonly direction: 'in' | 'out';
  readonly cameraId: string;
  readonly capturedAt: Date;
  readonly requestedFrom: Date;
  readonly requestedTo: Date;
  readonly giveUpAt: Date;
}

export interface ArchivedClip {
  readonly actualFrom: Date;
  readonly actualTo: Date;
  readonly bucket: string;
  readonly objectKey: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** A clip the worker holds a lease on: still to cut (`pending`) or cut but not yet announced. */
export interface LeasedClip {
  readonly enterpriseId: EnterpriseId;
  readonly id: string;
}

/** The clip index; every query but the worker's lease scan is scoped to one enterprise. */
export class VideoClipRepository extends TenantRepository<VideoClipEntity> {
  constructor(dataSource: DataSource) {
    super(VideoClipEntity, dataSource.manager);
  }

  /** One clip per passage direction × camera: a redelivered passage inserts nothing. */
  async request(enterpriseId: EnterpriseId, clip: ClipRequest): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO "video_clips"
         ("id", "enterprise_id", "site_id", "passage_id", "direction", "camera_id", "captured_at",
          "requested_from", "requested_to", "give_up_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT DO NOTHING
       RETURNING "id"`,
      [
        clip.id,
        parseEnterpriseId(enterpriseId),
        clip.siteId,
        clip.passageId,
        clip.direction,
        clip.cameraId,
        clip.capturedAt,
        clip.requestedFrom,
        clip.requestedTo,
        clip.giveUpAt,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Leases up to `limit` unannounced clips whose window has ended, across enterprises (the worker
   * serves all of them; everything after the lease is scoped to the row's enterprise). SKIP LOCKED
   * and the lease let several replicas share the work without cutting a clip twice.
   */
  async lease(now: Date, leaseMs: number, limit: number): Promise<LeasedClip[]> {
    // An UPDATE … RETURNING answers [rows, affected] through TypeORM's postgres driver.
    const [rows]: [{ id: string; enterprise_id: string }[], number] = await this.manager.query(
      `UPDATE "video_clips" SET "locked_until" = $1::timestamptz + ($2 * interval '1 millisecond')
       WHERE "id" IN (
         SELECT "id" FROM "video_clips"
         WHERE "published_at" IS NULL AND "requested_to" <= $1
           AND ("locked_until" IS NULL OR "locked_until" <= $1)
         ORDER BY "requested_to"
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING "id", "enterprise_id"`,
      [now, leaseMs, limit],
    );
    return rows.map((row) => ({ enterpriseId: parseEnterpriseId(row.enterprise_id), id: row.id }));
  }

  get(enterpriseId: EnterpriseId, id: string): Promise<VideoClipEntity | null> {
    return this.findOne(enterpriseId, { id });
  }

  /** Not ready yet (video still arriving) or failed: try again at `retryAt`. */
  async retryAt(enterpriseId: EnterpriseId, id: string, retryAt: Date, failed: boolean): Promise<void> {
    await this.manager.query(
      `UPDATE "video_clips" SET "locked_until" = $3, "attempts" = "attempts" + $4
       WHERE "enterprise_id" = $1 AND "id" = $2`,
      [parseEnterpriseId(enterpriseId), id, retryAt, failed ? 1 : 0],
    );
  }

  async markArchived(enterpriseId: EnterpriseId, id: string, clip: ArchivedClip, at: Date): Promise<void> {
    await this.update(
      enterpriseId,
      { id, status: 'pending' },
      { ...clip, status: 'archived', completedAt: at, reason: null },
    );
  }

  async markMissing(enterpriseId: EnterpriseId, id: string, reason: string, at: Date): Promise<void> {
    await this.update(
      enterpriseId,
      { id, status: 'pending' },
      { status: 'missing', reason, completedAt: at },
    );
  }

  async markPublished(enterpriseId: EnterpriseId, id: string, at: Date): Promise<void> {
    await this.update(enterpriseId, { id }, { publishedAt: at, lockedUntil: null });
  }

  forPassage(enterpriseId: EnterpriseId, passageId: string): Promise<VideoClipEntity[]> {
    return this.find(enterpriseId, { where: { passageId }, order: { direction: 'ASC', cameraId: 'ASC' } });
  }
}
