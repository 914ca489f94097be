import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type EnterpriseId } from '@ecogate/persistence';
import { objectKeyPrefix, type ObjectStorage } from '@ecogate/storage';
import { type SegmentWindowRepository } from '../clips/segment-window.repository';
import { videoMetrics } from '../metrics/video-metrics';
import { type VideoSegmentEntity } from '../segment/video-segment.entity';
import { sampleFrames } from './frame-sampler';
import { type FrameRecogniser, RecognitionUnavailableError } from './plate-recognition.client';
import { type FrameRead, mergeSightings, type ScannedFrame, type Sighting } from './plate-sightings';
import { type ScanProgress } from './window-scan.repository';
import { type ScanCamera, type StoredScanResult } from './window-scan.view';

export interface ScanJob {
  readonly enterpriseId: EnterpriseId;
  readonly id: string;
  readonly from: Date;
  readonly to: Date;
  readonly cameraIds: readonly string[];
}

export interface WindowScannerSettings {
  /** Bucket of the best frames: the video bucket (same lifecycle and retention as the video). */
  readonly bucket: string;
  readonly fps: number;
  readonly concurrency: number;
  readonly mergeGapSeconds: number;
  /** First wait while plate-recognition is unavailable; doubles up to `retryMaxMs`. */
  readonly retryInitialMs?: number;
  readonly retryMaxMs: number;
  readonly ffmpegPath?: string;
  readonly workDir?: string;
}

export interface WindowScannerDependencies {
  readonly segments: Pick<SegmentWindowRepository, 'overlapping'>;
  readonly storage: Pick<ObjectStorage, 'get' | 'put'>;
  readonly recogniser: FrameRecogniser;
}

/** Thrown when the scan's signal is aborted (a graceful stop): the scan is queued again. */
export class ScanAbortedError extends Error {
  constructor() {
    super('window scan stopped');
    this.name = 'ScanAbortedError';
  }
}

export interface ScanOutcome {
  readonly result: StoredScanResult;
  readonly frames: number;
}

/** What the camera loops tell the scan's progress. */
interface FrameTracker {
  /** One more frame read. */
  framed(): void;
  /** plate-recognition is being waited for (shown on the scan while it runs). */
  waiting(note: string): void;
}

interface CameraPlan {
  readonly cameraId: string;
  readonly segments: readonly VideoSegmentEntity[];
  readonly coverage: ScanCamera;
  readonly frames: number;
}

/**
 * Scans a window of archived video for plates: per camera, the segments overlapping the window
 * are fetched from object storage, `fps` frames a second decoded, each frame read by
 * plate-recognition (at most `concurrency` at once; while it is unavailable the frame waits, so
 * a scan never claims "no plates" it did not look for), reads merged into sightings, and the
 * best frame of each sighting stored next to the video.
 */
export class WindowScanner {
  constructor(
    private readonly deps: WindowScannerDependencies,
    private readonly settings: WindowScannerSettings,
  ) {}

  async scan(
    job: ScanJob,
    report: (progress: ScanProgress) => void,
    signal: AbortSignal,
  ): Promise<ScanOutcome> {
    const plans = await Promise.all(job.cameraIds.map((cameraId) => this.plan(job, cameraId)));
    const progress: { framesDone: number; framesTotal: number; note: string | null } = {
      framesDone: 0,
      framesTotal: plans.reduce((sum, p) => sum + p.frames, 0),
      note: null,
    };
    report({ ...progress });
    const tracker: FrameTracker = {
      framed: () => {
        progress.framesDone += 1;
        progress.note = null;
        report({ ...progress });
      },
      waiting: (note) => {
        progress.note = note;
        report({ ...progress });
      },
    };
    const dir = await mkdtemp(join(this.settings.workDir ?? tmpdir(), 'window-scan-'));
    try {
      const sightings: Sighting<Buffer>[] = [];
      for (const plan of plans) {
        const scanned = await this.scanCamera(job, plan, dir, signal, tracker);
        sightings.push(...mergeSightings(scanned, this.settings.mergeGapSeconds * 1000));
      }
      sightings.sort(
        (a, b) =>
          a.firstSeenMs - b.firstSeenMs ||
          a.cameraId.localeCompare(b.cameraId) ||
          a.plate.localeCompare(b.plate),
      );
      const sites = new Map(plans.map((p) => [p.cameraId, siteOf(p.segments[0])]));
      const plates = [];
      for (const [n, sighting] of sightings.entries()) {
        plates.push({
          plate: sighting.plate,
          cameraId: sighting.cameraId,
          firstSeenAt: new Date(sighting.firstSeenMs).toISOString(),
          lastSeenAt: new Date(sighting.lastSeenMs).toISOString(),
          frames: sighting.frames,
          bestConfidence: sighting.bestConfidence,
          trusted: sighting.trusted,
          frame: await this.storeFrame(job, sites.get(sighting.cameraId), n, sighting),
        });
      }
      return { result: { cameras: plans.map((p) => p.coverage), plates }, frames: progress.framesDone };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The camera's segments in the window, how much of it they cover, and how many frames that makes. */
  private async plan(job: ScanJob, cameraId: string): Promise<CameraPlan> {
    const segments = await this.deps.segments.overlapping(job.enterpriseId, cameraId, job.from, job.to);
    let videoMs = 0;
    let frames = 0;
    for (const segment of segments) {
      const [from, to] = overlap(segment, job);
      videoMs += to - from;
      frames += Math.ceil(((to - from) / 1000) * this.settings.fps);
    }
    const windowMs = job.to.getTime() - job.from.getTime();
    const coverage = {
      cameraId,
      videoSeconds: round1(videoMs / 1000),
      gapSeconds: round1(Math.max(0, windowMs - videoMs) / 1000),
    };
    return { cameraId, segments, coverage, frames };
  }

  /**
   * Every frame of the camera in the window with what was read in it. A frame's JPEG is kept (in
   * memory) only when something was read in it: it may become a sighting's best frame.
   */
  private async scanCamera(
    job: ScanJob,
    plan: CameraPlan,
    dir: string,
    signal: AbortSignal,
    tracker: FrameTracker,
  ): Promise<ScannedFrame<Buffer>[]> {
    const scanned: ScannedFrame<Buffer>[] = [];
    for (const [i, segment] of plan.segments.entries()) {
      if (signal.aborted) throw new ScanAbortedError();
      const file = join(dir, `${plan.cameraId}-${i}.ts`);
      await pipeline(await this.deps.storage.get(segment.bucket, segment.objectKey), createWriteStream(file));
      const [from, to] = overlap(segment, job);
      const start = segment.startAt.getTime();
      const sampled = await sampleFrames(
        {
          file,
          fromSeconds: (from - start) / 1000,
          toSeconds: (to - start) / 1000,
          fps: this.settings.fps,
          outDir: dir,
          prefix: `${plan.cameraId}-${i}`,
        },
        this.settings.ffmpegPath ? { ffmpegPath: this.settings.ffmpegPath } : {},
      );
      await rm(file, { force: true });
      await forEachLimited(sampled, this.settings.concurrency, async (frame) => {
        const atMs = start + frame.offsetSeconds * 1000;
        const jpeg = await readFile(frame.path);
        await rm(frame.path, { force: true });
        const reads = await this.readPatiently(jpeg, signal, tracker);
        videoMetrics.windowScanFrames.add(1);
        tracker.framed();
        // A frame the fps filter placed a hair past the window's end is not the window's.
        if (atMs < job.from.getTime() || atMs >= job.to.getTime()) return;
        if (reads.length > 0) scanned.push({ cameraId: plan.cameraId, atMs, frame: jpeg, reads });
      });
    }
    return scanned;
  }

  /** Reads a frame, waiting (with back-off) for as long as plate-recognition is unavailable. */
  private async readPatiently(
    jpeg: Buffer,
    signal: AbortSignal,
    tracker: FrameTracker,
  ): Promise<FrameRead[]> {
    let waitMs = this.settings.retryInitialMs ?? 500;
    for (;;) {
      if (signal.aborted) throw new ScanAbortedError();
      try {
        return await this.deps.recogniser.recognise(jpeg);
      } catch (error) {
        if (!(error instanceof RecognitionUnavailableError)) throw error;
        videoMetrics.windowScanRecognitionWaits.add(1);
        tracker.waiting(`waiting for plate recognition: ${error.message}`);
        await sleep(waitMs, signal);
        waitMs = Math.min(waitMs * 2, this.settings.retryMaxMs);
      }
    }
  }

  private async storeFrame(
    job: ScanJob,
    siteId: string | undefined,
    n: number,
    sighting: Sighting<Buffer>,
  ): Promise<{ bucket: string; key: string }> {
    // Under the enterprise's prefix (and its site's date folders): the video's lifecycle and lock apply.
    const prefix = objectKeyPrefix({
      enterpriseId: job.enterpriseId,
      ...(siteId ? { siteId, date: new Date(sighting.firstSeenMs) } : {}),
    });
    const key = `${prefix}window-scan/${job.id}/${n}.jpg`;
    await this.deps.storage.put(this.settings.bucket, key, sighting.bestFrame, {
      contentType: 'image/jpeg',
      size: sighting.bestFrame.length,
    });
    return { bucket: this.settings.bucket, key };
  }
}

/** The part of the segment inside the window, as epoch ms. */
function overlap(segment: VideoSegmentEntity, window: { from: Date; to: Date }): [number, number] {
  return [
    Math.max(segment.startAt.getTime(), window.from.getTime()),
    Math.min(segment.endAt.getTime(), window.to.getTime()),
  ];
}

/** The site folder of a segment's key (`enterprise/site/yyyy/…`). */
function siteOf(segment: VideoSegmentEntity | undefined): string | undefined {
  return segment?.objectKey.split('/')[1];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Runs `task` over `items` with at most `limit` running at once; the first failure is thrown. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failed = true; // the other lanes stop taking items
        throw error;
      }
    }
  });
  await Promise.all(lanes);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
