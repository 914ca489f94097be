import { createReadStream } from 'node:fs';
import { type EventPublisher } from '@ecogate/messaging';
import { type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage, objectKey } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type ClipCutter } from './clip-cutter';
import { clipArchivedPayload } from './clip-event';
import { clipEventIdOf } from './clip-id';
import { clipMetrics } from './clip-metrics';
import { contiguousRun, covers } from './clip-plan';
import { type SegmentWindowRepository } from './segment-window.repository';
import { type VideoClipEntity } from './video-clip.entity';
import { type VideoClipRepository } from './video-clip.repository';

export interface ClipWorkerSettings {
  /** Bucket of the clips (the video bucket: same lifecycle and retention). */
  readonly bucket: string;
  readonly pollMs: number;
  /** How often a clip whose video is still arriving is looked at again. */
  readonly recheckMs: number;
  /** A clip leased by a worker that died is picked up again after this. */
  readonly leaseMs: number;
  readonly batchSize: number;
  /** Failed cut/upload attempts before the clip is recorded missing with the last error. */
  readonly maxAttempts: number;
}

export interface ClipWorkerDependencies {
  readonly clips: VideoClipRepository;
  readonly segments: SegmentWindowRepository;
  readonly cutter: ClipCutter;
  readonly storage: ObjectStorage;
  readonly publisher: EventPublisher;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * Turns clip requests into clips: once the segment index covers a request's window (or its wait
 * is over) it cuts, stores and indexes the clip, or records it missing, then announces it with
 * `video.clip.archived.v1`. Every step is idempotent, so a crash anywhere just repeats it.
 */
export class ClipWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  constructor(
    private readonly deps: ClipWorkerDependencies,
    private readonly settings: ClipWorkerSettings,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    let busy = false;
    this.timer = setInterval(() => {
      // A pass longer than the poll interval (a slow cut) must not queue up further passes.
      if (busy) return;
      busy = true;
      this.running = this.runOnce().then(() => {
        busy = false;
      });
    }, this.settings.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over the due clips; resolves with how many were leased. */
  async runOnce(): Promise<number> {
    let leased: Awaited<ReturnType<VideoClipRepository['lease']>>;
    try {
      leased = await this.deps.clips.lease(this.now(), this.settings.leaseMs, this.settings.batchSize);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'clip lease failed');
      return 0;
    }
    for (const clip of leased) {
      try {
        await this.process(clip.enterpriseId, clip.id);
      } catch (error) {
        // The lease expires and the clip is tried again; nothing is lost.
        this.deps.logger.error(
          { err: error, clipId: clip.id, enterpriseId: clip.enterpriseId },
          'clip step failed',
        );
      }
    }
    return leased.length;
  }

  private async process(enterpriseId: EnterpriseId, id: string): Promise<void> {
    let row = await this.deps.clips.get(enterpriseId, id);
    if (!row) return;
    if (row.status === 'pending') {
      const finished = await this.cutOrWait(enterpriseId, row);
      if (!finished) return;
      row = await this.deps.clips.get(enterpriseId, id);
      if (!row || row.status === 'pending') return;
    }
    await this.deps.publisher.publish('video.clip.archived.v1', {
      enterpriseId,
      key: enterpriseId,
      eventId: clipEventIdOf(row.id),
      payload: clipArchivedPayload(row),
    });
    await this.deps.clips.markPublished(enterpriseId, row.id, this.now());
  }

  /** `true` once the clip is archived or recorded missing; `false` when it waits or failed. */
  private async cutOrWait(enterpriseId: EnterpriseId, row: VideoClipEntity): Promise<boolean> {
    const window = { from: row.requestedFrom, to: row.requestedTo };
    const found = await this.deps.segments.overlapping(enterpriseId, row.cameraId, window.from, window.to);
    const run = contiguousRun(found, row.capturedAt);
    const now = this.now();
    if (!covers(run, window) && now < row.giveUpAt) {
      await this.deps.clips.retryAt(
        enterpriseId,
        row.id,
        new Date(now.getTime() + this.settings.recheckMs),
        false,
      );
      return false;
    }
    if (run.length === 0) {
      await this.finishMissing(
        enterpriseId,
        row,
        `no video of camera ${row.cameraId} indexed between ${window.from.toISOString()} and ${window.to.toISOString()} by ${row.giveUpAt.toISOString()}`,
      );
      return true;
    }
    const log = this.deps.logger.child({ clipId: row.id, enterpriseId, camera: row.cameraId });
    try {
      const cut = await this.deps.cutter.cut(run, window);
      if (!cut) {
        await this.finishMissing(
          enterpriseId,
          row,
          'the indexed video has no key frame before the window end',
        );
        return true;
      }
      try {
        const key = objectKey({
          enterpriseId,
          siteId: row.siteId,
          date: row.capturedAt,
          kind: 'clip',
          sha256: cut.sha256,
          ext: 'mp4',
        });
        await this.deps.storage.put(this.settings.bucket, key, createReadStream(cut.path), {
          contentType: 'video/mp4',
          size: cut.bytes,
          metadata: {
            camera: row.cameraId,
            passage: row.passageId,
            direction: row.direction,
            from: cut.actual.from.toISOString(),
            to: cut.actual.to.toISOString(),
            sha256: cut.sha256,
          },
        });
        const at = this.now();
        await this.deps.clips.markArchived(
          enterpriseId,
          row.id,
          {
            actualFrom: cut.actual.from,
            actualTo: cut.actual.to,
            bucket: this.settings.bucket,
            objectKey: key,
            sha256: cut.sha256,
            bytes: cut.bytes,
          },
          at,
        );
        clipMetrics.completed.add(1, { status: 'archived' });
        clipMetrics.readySeconds.record((at.getTime() - row.capturedAt.getTime()) / 1000);
        log.info({ actual: cut.actual, bytes: cut.bytes, key }, 'clip archived');
        return true;
      } finally {
        await cut.dispose();
      }
    } catch (error) {
      clipMetrics.cutFailures.add(1);
      if (row.attempts + 1 >= this.settings.maxAttempts) {
        await this.finishMissing(
          enterpriseId,
          row,
          `cut failed ${row.attempts + 1} times: ${String(error).slice(0, 300)}`,
        );
        return true;
      }
      log.warn({ err: error, attempt: row.attempts + 1 }, 'clip cut failed; retrying');
      await this.deps.clips.retryAt(
        enterpriseId,
        row.id,
        new Date(now.getTime() + this.settings.recheckMs),
        true,
      );
      return false;
    }
  }

  private async finishMissing(
    enterpriseId: EnterpriseId,
    row: VideoClipEntity,
    reason: string,
  ): Promise<void> {
    await this.deps.clips.markMissing(enterpriseId, row.id, reason, this.now());
    clipMetrics.completed.add(1, { status: 'missing' });
    this.deps.logger.warn({ clipId: row.id, enterpriseId, camera: row.cameraId, reason }, 'clip missing');
  }
}
