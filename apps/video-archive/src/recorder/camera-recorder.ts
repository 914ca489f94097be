import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { videoMetrics } from '../metrics/video-metrics';
import { segmentKey } from '../segment/segment-key';
import { parseSegmentList } from '../segment/segment-list';
import { type NewVideoSegment } from '../segment/video-segment.repository';
import { recordArgs } from './ffmpeg-args';

export interface CameraSettings {
  readonly enterpriseId: EnterpriseId;
  readonly siteId: string;
  readonly cameraId: string;
  readonly sourceUrl: string;
  readonly recording: boolean;
}

export interface RecorderSettings {
  readonly spoolDir: string;
  readonly bucket: string;
  readonly segmentSeconds: number;
  /** Above this many bytes in one camera's spool: an error log and a metric, never a drop. */
  readonly maxSpoolBytes: number;
  readonly pollMs: number;
  readonly retryMs: number;
  readonly ffmpegPath?: string;
}

/** Where closed segments are indexed (the Postgres repository in the service). */
export interface SegmentIndex {
  record(enterpriseId: EnterpriseId, segment: NewVideoSegment): Promise<boolean>;
}

interface PendingSegment {
  readonly path: string;
  readonly listPath: string;
  readonly start: Date;
  readonly end: Date;
}

const RUN_LIST = /^run-(\d{13})\.csv$/;

/**
 * Records one camera: ffmpeg copies the stream into MPEG-TS segments in the camera's spool folder;
 * a poller uploads every *closed* segment (listed by ffmpeg) in order, indexes it, then deletes it.
 * A failure leaves the file and its successors in the spool and retries from the oldest. Lists of
 * earlier runs (a crash, a restart) are picked up again, so nothing in the spool is forgotten.
 */
export class CameraRecorder {
  private ffmpeg: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> = Promise.resolve();
  private retryAt = 0;
  private readonly dir: string;

  constructor(
    private readonly camera: CameraSettings,
    private readonly settings: RecorderSettings,
    private readonly storage: ObjectStorage,
    private readonly index: SegmentIndex,
    private readonly logger: Logger,
  ) {
    this.dir = join(settings.spoolDir, camera.cameraId);
  }

  async start(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if (this.camera.recording) this.spawnFfmpeg();
    this.timer = setInterval(() => this.kick(), this.settings.pollMs);
  }

  /** Stops ffmpeg cleanly (it closes and lists the last segment), then uploads what is closed. */
  async stop(): Promise<void> {
    const child = this.ffmpeg;
    this.ffmpeg = undefined;
    if (child && child.exitCode === null) {
      // SIGINT (not `q` on stdin, which 5.1 ignores on a pipe) makes ffmpeg close and list the last segment.
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(killer);
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.draining;
    this.retryAt = 0;
    await this.drain();
  }

  /** Uploads every closed segment now (in order); resolves when the spool is drained or a failure stops it. */
  flush(): Promise<void> {
    this.retryAt = 0;
    this.kick();
    return this.draining;
  }

  private spawnFfmpeg(): void {
    const anchor = Date.now();
    const args = recordArgs({
      sourceUrl: this.camera.sourceUrl,
      segmentSeconds: this.settings.segmentSeconds,
      listFile: `run-${anchor}.csv`,
      segmentPattern: `run-${anchor}-%06d.ts`,
    });
    const child = spawn(this.settings.ffmpegPath ?? 'ffmpeg', args, {
      cwd: this.dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2_000);
    });
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        if (this.ffmpeg === child) {
          this.logger.error({ camera: this.camera.cameraId, code, signal, stderr }, 'ffmpeg exited');
          this.ffmpeg = undefined;
        }
        resolve();
      });
      child.once('error', (error) => {
        this.logger.error({ camera: this.camera.cameraId, err: error }, 'ffmpeg failed to start');
        resolve();
      });
    });
    this.ffmpeg = child;
    this.logger.info(
      { camera: this.camera.cameraId, segmentSeconds: this.settings.segmentSeconds },
      'recording',
    );
  }

  private kick(): void {
    if (Date.now() < this.retryAt) return;
    this.draining = this.draining.then(() => this.drain());
  }

  private async drain(): Promise<void> {
    let pending: PendingSegment[];
    try {
      pending = await this.closedSegments();
      await this.checkSpoolBound();
    } catch (error) {
      this.logger.error({ camera: this.camera.cameraId, err: error }, 'spool scan failed');
      return;
    }
    for (const segment of pending) {
      if (segment.end.getTime() === segment.start.getTime()) {
        // ffmpeg stopped right after opening a segment: it lists it with no duration and no frames.
        this.logger.info({ camera: this.camera.cameraId, file: segment.path }, 'empty tail segment removed');
        await unlink(segment.path).catch(() => undefined);
        continue;
      }
      try {
        await this.archive(segment);
      } catch (error) {
        videoMetrics.uploadFailures.add(1, { camera: this.camera.cameraId });
        this.logger.warn(
          { camera: this.camera.cameraId, file: segment.path, err: error },
          'segment upload failed; kept in the spool, retrying in order',
        );
        this.retryAt = Date.now() + this.settings.retryMs;
        return;
      }
    }
  }

  /** Closed segments of every run list in the spool, oldest first; lists with nothing left are removed. */
  private async closedSegments(): Promise<PendingSegment[]> {
    const names = await readdir(this.dir);
    const runs = names
      .map((name) => RUN_LIST.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    const present = new Set(names);
    const out: PendingSegment[] = [];
    for (const run of runs) {
      const listPath = join(this.dir, run[0]);
      const anchor = Number(run[1]);
      const listed = parseSegmentList(await readFile(listPath, 'utf8'));
      const left = listed.filter((segment) => present.has(segment.file));
      const current = this.ffmpeg !== undefined && this.currentList() === run[0];
      if (left.length === 0 && !current) {
        await unlink(listPath).catch(() => undefined);
        continue;
      }
      for (const segment of left) {
        out.push({
          path: join(this.dir, segment.file),
          listPath,
          start: new Date(anchor + Math.round(segment.startSeconds * 1000)),
          end: new Date(anchor + Math.round(segment.endSeconds * 1000)),
        });
      }
    }
    return out;
  }

  private currentList(): string | undefined {
    const list = this.ffmpeg?.spawnargs[this.ffmpeg.spawnargs.indexOf('-segment_list') + 1];
    return list;
  }

  private async checkSpoolBound(): Promise<void> {
    let bytes = 0;
    for (const name of await readdir(this.dir)) {
      if (name.endsWith('.ts')) bytes += (await stat(join(this.dir, name)).catch(() => ({ size: 0 }))).size;
    }
    if (bytes > this.settings.maxSpoolBytes) {
      videoMetrics.spoolOverLimit.add(1, { camera: this.camera.cameraId });
      this.logger.error(
        { camera: this.camera.cameraId, spoolBytes: bytes, maxSpoolBytes: this.settings.maxSpoolBytes },
        'video spool above its bound: uploads are failing; nothing is dropped, the disk may fill',
      );
    }
  }

  private async archive(segment: PendingSegment): Promise<void> {
    const { bytes, sha256 } = await hashFile(segment.path);
    const { enterpriseId, siteId, cameraId } = this.camera;
    const key = segmentKey({ enterpriseId, siteId, cameraId, start: segment.start });
    // Destroyed after the call: a put that fails before reading must not leave an open file stream.
    const file = await open(segment.path, 'r');
    const body = file.createReadStream({ autoClose: false });
    try {
      await this.storage.put(this.settings.bucket, key, body, {
        contentType: 'video/mp2t',
        size: bytes,
        metadata: {
          camera: cameraId,
          start: segment.start.toISOString(),
          end: segment.end.toISOString(),
          bytes: String(bytes),
          sha256,
        },
      });
    } finally {
      body.destroy();
      await file.close();
    }
    await this.index.record(enterpriseId, {
      cameraId,
      startAt: segment.start,
      endAt: segment.end,
      bytes,
      sha256,
      bucket: this.settings.bucket,
      objectKey: key,
    });
    await unlink(segment.path);
    videoMetrics.archived.add(1, { camera: cameraId });
    videoMetrics.archivedBytes.add(bytes, { camera: cameraId });
  }
}

async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
