import { type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type SegmentWindowRepository } from '../clips/segment-window.repository';
import { type VideoClipRepository } from '../clips/video-clip.repository';
import { buildHlsPlaylist } from './hls-playlist';
import { PlaybackException } from './playback.exception';

export interface PlaybackSettings {
  /** Lifetime of every presigned URL handed out: short, since anyone holding one can fetch. */
  readonly urlTtlSeconds: number;
  /** The longest window one playlist may cover. */
  readonly maxWindowHours: number;
}

interface ClipTimes {
  readonly from: string;
  readonly to: string;
}

export type PassageClipView =
  | {
      readonly clipId: string;
      readonly direction: 'in' | 'out';
      readonly cameraId: string;
      readonly status: 'archived';
      readonly requested: ClipTimes;
      readonly actual: ClipTimes;
      readonly sha256: string;
      readonly bytes: number;
      readonly url: string;
      readonly expiresAt: string;
    }
  | {
      readonly clipId: string;
      readonly direction: 'in' | 'out';
      readonly cameraId: string;
      readonly status: 'pending' | 'missing';
      readonly requested: ClipTimes;
      readonly reason: string | null;
    };

/** Playback of archived video: a passage's clips and a camera's time window as HLS. */
export class PlaybackService {
  constructor(
    private readonly clips: VideoClipRepository,
    private readonly segments: SegmentWindowRepository,
    private readonly storage: ObjectStorage,
    private readonly settings: PlaybackSettings,
  ) {}

  async passageClips(enterpriseId: EnterpriseId, passageId: string): Promise<PassageClipView[]> {
    const rows = await this.clips.forPassage(enterpriseId, passageId);
    if (rows.length === 0) {
      throw new PlaybackException('clips-not-found', `no clip requested for passage ${passageId}`);
    }
    const expiresAt = new Date(Date.now() + this.settings.urlTtlSeconds * 1000).toISOString();
    return Promise.all(
      rows.map(async (row): Promise<PassageClipView> => {
        const base = {
          clipId: row.id,
          direction: row.direction,
          cameraId: row.cameraId,
          requested: { from: row.requestedFrom.toISOString(), to: row.requestedTo.toISOString() },
        };
        if (row.status !== 'archived' || !row.bucket || !row.objectKey || !row.actualFrom || !row.actualTo) {
          return { ...base, status: row.status === 'archived' ? 'missing' : row.status, reason: row.reason };
        }
        return {
          ...base,
          status: 'archived',
          actual: { from: row.actualFrom.toISOString(), to: row.actualTo.toISOString() },
          sha256: row.sha256 ?? '',
          bytes: row.bytes ?? 0,
          url: await this.storage.presignedGetUrl(row.bucket, row.objectKey, this.settings.urlTtlSeconds),
          expiresAt,
        };
      }),
    );
  }

  /**
   * Every indexed segment overlapping [from, to) as an HLS playlist of presigned URLs. Whole
   * segments are listed, so the first and last may reach beyond the window; EXT-X-START points
   * the player at `from`.
   */
  async playlist(enterpriseId: EnterpriseId, cameraId: string, from: Date, to: Date): Promise<string> {
    if (to.getTime() - from.getTime() > this.settings.maxWindowHours * 3_600_000) {
      throw new PlaybackException(
        'invalid-request',
        `the window may span at most ${this.settings.maxWindowHours} h`,
      );
    }
    if (!(await this.segments.hasCamera(enterpriseId, cameraId))) {
      throw new PlaybackException('camera-not-found', `no video archived for camera ${cameraId}`);
    }
    const rows = await this.segments.overlapping(enterpriseId, cameraId, from, to);
    const first = rows[0];
    if (!first) {
      throw new PlaybackException(
        'no-video-in-window',
        `no video of camera ${cameraId} between ${from.toISOString()} and ${to.toISOString()}`,
      );
    }
    const segments = await Promise.all(
      rows.map(async (row) => ({
        startAt: row.startAt,
        endAt: row.endAt,
        url: await this.storage.presignedGetUrl(row.bucket, row.objectKey, this.settings.urlTtlSeconds),
      })),
    );
    const offset = Math.max(0, (from.getTime() - first.startAt.getTime()) / 1000);
    return buildHlsPlaylist(segments, offset);
  }
}
