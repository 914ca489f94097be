import { idSchema } from '@ecogate/contracts';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { z } from 'zod';
import { LedgerException } from '../errors/ledger.exception';
import { type PhotoLink, presignedPhotoLink } from '../photos/passage-photos.service';
import { CameraTamperEpisodeEntity } from './camera-tamper-episode.entity';

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** `GET camera-tamper-episodes?from&to[&cameraId]`: episodes overlapping the period, newest first. */
export const tamperEpisodesQuery = z
  .strictObject({
    from: instant,
    to: instant,
    cameraId: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => q.from < q.to, 'from must be before to');
export type TamperEpisodesQuery = z.infer<typeof tamperEpisodesQuery>;

/** `before`: the reference view; `after`: the frame that decided; `restored`: the frame that showed it back. */
export const TAMPER_IMAGES = ['before', 'after', 'restored'] as const;
export type TamperImage = (typeof TAMPER_IMAGES)[number];

const GATEWAY = '/api/ledger/v1/enterprises';

/**
 * The enterprise's camera tamper episodes (filled by the camera-status consumer) and short-lived
 * links to their images, which camera-ingest stored in its bucket (`LEDGER_CAPTURES_BUCKET`).
 */
export class TamperEpisodesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: ObjectStorage,
    private readonly capturesBucket: string,
    private readonly ttlSeconds: number,
  ) {}

  async list(enterpriseId: EnterpriseId, query: TamperEpisodesQuery) {
    const qb = this.episodes()
      .scopedQueryBuilder(enterpriseId, 't')
      .andWhere('t.startedAt < :to AND (t.endedAt IS NULL OR t.endedAt > :from)', query);
    if (query.cameraId) qb.andWhere('t.cameraId = :cameraId', { cameraId: query.cameraId });
    const rows = await qb
      .orderBy('t.startedAt', 'DESC')
      .addOrderBy('t.episodeId', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    return {
      items: rows.slice(0, query.limit).map((row) => this.view(row)),
      /** More episodes than `limit` overlap the period: narrow it. */
      truncated: rows.length > query.limit,
    };
  }

  async image(enterpriseId: EnterpriseId, episodeId: string, image: TamperImage): Promise<PhotoLink> {
    const episode = await this.episodes().findOne(enterpriseId, { episodeId });
    if (!episode) throw new LedgerException('tamper-episode-not-found', `no tamper episode ${episodeId}`);
    const key = keyOf(episode, image);
    if (!key)
      throw new LedgerException('photo-not-found', `tamper episode ${episodeId} has no ${image} image`);
    return presignedPhotoLink(this.storage, { bucket: this.capturesBucket, key }, this.ttlSeconds);
  }

  private episodes() {
    return TenantRepository.of(this.dataSource, CameraTamperEpisodeEntity);
  }

  private view(row: CameraTamperEpisodeEntity) {
    const path = (image: TamperImage) =>
      keyOf(row, image)
        ? `${GATEWAY}/${encodeURIComponent(row.enterpriseId)}/camera-tamper-episodes/${row.episodeId}/images/${image}`
        : null;
    return {
      episodeId: row.episodeId,
      cameraId: row.cameraId,
      kind: row.kind,
      source: row.source,
      reason: row.reason,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      endReason: row.endReason,
      scores: row.scores,
      images: { before: path('before'), after: path('after'), restored: path('restored') },
    };
  }
}

function keyOf(episode: CameraTamperEpisodeEntity, image: TamperImage): string | null {
  if (image === 'before') return episode.referenceKey;
  if (image === 'after') return episode.currentKey;
  return episode.restoredKey;
}
