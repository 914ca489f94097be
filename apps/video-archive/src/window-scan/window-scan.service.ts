import { randomUUID } from 'node:crypto';
import { idSchema } from '@ecogate/contracts';
import { type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { z } from 'zod';
import { type SegmentWindowRepository } from '../clips/segment-window.repository';
import { type WindowScanEntity } from './window-scan.entity';
import { WindowScanException } from './window-scan.exception';
import { type WindowScanRepository } from './window-scan.repository';
import { type WindowScanView } from './window-scan.view';

/** `POST …/window-scans`: the window, and the cameras (default: every camera of the enterprise). */
export const windowScanRequest = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  cameraIds: z.array(idSchema).min(1).max(64).optional(),
});
export type WindowScanRequest = z.infer<typeof windowScanRequest>;

export interface WindowScanSettings {
  readonly maxWindowMinutes: number;
  /** Lifetime of a best frame's short-lived link. */
  readonly urlTtlSeconds: number;
  /** False without plate-recognition: a scan asked for could never run, so it is refused. */
  readonly enabled: boolean;
}

export interface FrameLink {
  readonly url: string;
  readonly maxAgeSeconds: number;
}

/** Gateway paths: the ledger and the console reach video-archive at `/api/video-archive/v1`. */
const GATEWAY_BASE = '/api/video-archive/v1/enterprises';

/** Scans of inspectors' video windows: asked for, read back, their best frames served. */
export class WindowScanService {
  constructor(
    private readonly scans: WindowScanRepository,
    private readonly segments: SegmentWindowRepository,
    /** The enterprise's cameras this archive records (they count even when the window has no video). */
    private readonly recordedCameras: (enterpriseId: EnterpriseId) => readonly string[],
    private readonly storage: ObjectStorage,
    private readonly settings: WindowScanSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The scan of this window: queued now, or the one asked for before (the ledger may retry). */
  async request(
    enterpriseId: EnterpriseId,
    request: WindowScanRequest,
  ): Promise<{ id: string; status: WindowScanEntity['status'] }> {
    if (!this.settings.enabled) {
      throw new WindowScanException(
        'window-scans-disabled',
        'window scans need plate recognition: PLATE_RECOGNITION_URL is not set',
      );
    }
    const from = new Date(request.from);
    const to = new Date(request.to);
    if (from >= to) throw new WindowScanException('invalid-request', '`from` must be before `to`');
    if (to.getTime() - from.getTime() > this.settings.maxWindowMinutes * 60_000) {
      throw new WindowScanException(
        'window-too-long',
        `a scanned window may span at most ${this.settings.maxWindowMinutes} minutes`,
      );
    }
    if (to > this.now()) {
      throw new WindowScanException(
        'window-in-future',
        'the window must have ended: its video is not archived yet',
      );
    }
    const asked = request.cameraIds ? [...new Set(request.cameraIds)].sort() : undefined;
    const windowKey = `${from.toISOString()}|${to.toISOString()}|${asked?.join(',') ?? '*'}`;
    const cameraIds =
      asked ??
      [
        ...new Set([
          ...this.recordedCameras(enterpriseId),
          ...(await this.segments.camerasIn(enterpriseId, from, to)),
        ]),
      ].sort();
    const row = await this.scans.findOrCreate(enterpriseId, {
      id: randomUUID(),
      windowKey,
      from,
      to,
      cameraIds,
    });
    return { id: row.id, status: row.status };
  }

  async get(enterpriseId: EnterpriseId, scanId: string): Promise<WindowScanView> {
    return viewOf(await this.found(enterpriseId, scanId));
  }

  /** A short-lived link to the JPEG of plate `n`'s best frame. */
  async frameLink(enterpriseId: EnterpriseId, scanId: string, n: number): Promise<FrameLink> {
    const frame = (await this.found(enterpriseId, scanId)).result?.plates[n]?.frame;
    if (!frame) throw new WindowScanException('frame-not-found', `scan ${scanId} has no plate ${n}`);
    const ttl = this.settings.urlTtlSeconds;
    return {
      url: await this.storage.presignedGetUrl(frame.bucket, frame.key, ttl),
      // The browser may reuse the redirect a little less long than the link lives.
      maxAgeSeconds: Math.max(0, ttl - 10),
    };
  }

  private async found(enterpriseId: EnterpriseId, scanId: string): Promise<WindowScanEntity> {
    const row = await this.scans.get(enterpriseId, scanId);
    if (!row) throw new WindowScanException('scan-not-found', `no window scan ${scanId} for this enterprise`);
    return row;
  }
}

/** The stored scan as the API shows it: best frames as gateway paths, never as object keys. */
export function viewOf(row: WindowScanEntity): WindowScanView {
  const base = `${GATEWAY_BASE}/${encodeURIComponent(row.enterpriseId)}/window-scans/${row.id}`;
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    from: row.fromAt.toISOString(),
    to: row.toAt.toISOString(),
    cameraIds: row.cameraIds,
    status: row.status,
    progress: { framesDone: row.framesDone, framesTotal: row.framesTotal },
    ...(row.error ? { error: row.error } : {}),
    createdAt: row.createdAt.toISOString(),
    ...(row.finishedAt ? { finishedAt: row.finishedAt.toISOString() } : {}),
    cameras: row.result?.cameras ?? [],
    plates: (row.result?.plates ?? []).map(({ frame: _frame, ...plate }, n) => ({
      ...plate,
      framePath: `${base}/frames/${n}.jpg`,
    })),
  };
}
