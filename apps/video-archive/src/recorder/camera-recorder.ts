import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage, type RetentionMode } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { videoMetrics } from '../metrics/video-metrics';
import { segmentKey } from '../segment/segment-key';
import { type NewVideoSegment } from '../segment/video-segment.repository';
import { recordArgs, stderrForLog } from './ffmpeg-args';
import { restartDelayMs } from './restart-backoff';
import { probeDurationSeconds } from './segment-probe';
import { type PendingSegment, scanSpool, spoolBytes } from './spool-scan';

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
  /** Above this many bytes in one camera's spool: an error log, a metric and a degraded status; never a drop. */
  readonly maxSpoolBytes: number;
  readonly pollMs: number;
  readonly retryMs: number;
  /** Back-off between ffmpeg restarts after it exits (camera dark, network down). */
  readonly restartInitialMs?: number;
  readonly restartMaxMs?: number;
  /** Per-object WORM retention set on every uploaded segment (object-lock buckets only). */
  readonly objectRetention?: { readonly mode: RetentionMode; readonly days: number };
  readonly ffmpegPath?: string;
  readonly ffprobePath?: string;
}

/** Where closed segments are indexed (the Postgres repository in the service). */
export interface SegmentIndex {
  record(enterpriseId: EnterpriseId, segment: NewVideoSegment): Promise<boolean>;
}

export type RecorderState = 'recording' | 'restarting' | 'paused' | 'not-recording' | 'stopped';

/** What an operator sees per camera (health endpoint). */
export interface RecorderStatus {
  readonly enterpriseId: string;
  readonly cameraId: string;
  readonly state: RecorderState;
  readonly restarts: number;
  readonly spoolBytes: number;
  readonly spoolOverLimit: boolean;
  readonly uploadFailing: boolean;
  readonly lastArchivedEnd: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Records one camera: ffmpeg copies the stream into MPEG-TS segments in the camera's spool folder
 * and is restarted with exponential back-off whenever it exits; a poller uploads every segment
 * that is closed (listed by ffmpeg, or the probed tail of an ended run) in order, indexes it, then
 * deletes it. A failure leaves the file and its successors in the spool and retries from the
 * oldest, so an object-store outage loses nothing as long as the disk lasts.
 */
export class CameraRecorder {
  private ffmpeg: ChildProcess | undefined;
  private currentRun: number | undefined;
  private exited: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> = Promise.resolve();
  private retryAt = 0;
  private attempts = 0;
  private restarts = 0;
  private state: RecorderState = 'stopped';
  private lastSpoolBytes = 0;
  private uploadFailing = false;
  private lastArchivedEnd: Date | null = null;
  private readonly dir: string;

  constructor(
    readonly camera: CameraSettings,
    private readonly settings: RecorderSettings,
    private readonly storage: ObjectStorage,
    private readonly index: SegmentIndex,
    private readonly logger: Logger,
  ) {
    this.dir = join(settings.spoolDir, camera.cameraId);
  }

  async start(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.state = this.camera.recording ? 'recording' : 'not-recording';
    if (this.camera.recording) this.spawnFfmpeg();
    this.timer = setInterval(() => this.kick(), this.settings.pollMs);
  }

  /** camera-ingest says the camera is offline: stop hammering it, keep uploading the spool. */
  async pause(): Promise<void> {
    if (!this.camera.recording || this.state === 'stopped' || this.state === 'paused') return;
    this.state = 'paused';
    this.cancelRestart();
    await this.stopFfmpeg();
  }

  /** The camera is back: record again at once, with the back-off reset. */
  resume(): void {
    if (!this.camera.recording || this.state === 'stopped' || this.state === 'recording') return;
    this.cancelRestart();
    this.attempts = 0;
    this.state = 'recording';
    this.spawnFfmpeg();
  }

  /** Stops ffmpeg cleanly (it closes and lists the last segment), then uploads what is closed. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    this.cancelRestart();
    await this.stopFfmpeg();
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

  status(): RecorderStatus {
    return {
      enterpriseId: this.camera.enterpriseId,
      cameraId: this.camera.cameraId,
      state: this.state,
      restarts: this.restarts,
      spoolBytes: this.lastSpoolBytes,
      spoolOverLimit: this.lastSpoolBytes > this.settings.maxSpoolBytes,
      uploadFailing: this.uploadFailing,
      lastArchivedEnd: this.lastArchivedEnd?.toISOString() ?? null,
    };
  }

  private async stopFfmpeg(): Promise<void> {
    const child = this.ffmpeg;
    this.ffmpeg = undefined;
    this.currentRun = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      // SIGINT (not `q` on stdin, which 5.1 ignores on a pipe) makes ffmpeg close and list the last segment.
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(killer);
    }
  }

  private cancelRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
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
    // Kept raw (twice what is logged, so a URL cut at the front is dropped after redaction).
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        if (this.ffmpeg === child) this.onUnexpectedExit(code, signal, stderr);
        resolve();
      });
      child.once('error', (error) => {
        this.logger.error({ camera: this.camera.cameraId, err: error }, 'ffmpeg failed to start');
      });
    });
    this.ffmpeg = child;
    this.currentRun = anchor;
    this.logger.info(
      { camera: this.camera.cameraId, segmentSeconds: this.settings.segmentSeconds },
      'recording',
    );
  }

  private onUnexpectedExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    this.ffmpeg = undefined;
    this.currentRun = undefined;
    if (this.state !== 'recording') return;
    const delayMs = restartDelayMs(this.attempts++, {
      initialMs: this.settings.restartInitialMs ?? 1_000,
      maxMs: this.settings.restartMaxMs ?? 60_000,
    });
    this.state = 'restarting';
    this.restarts++;
    videoMetrics.recorderRestarts.add(1, { camera: this.camera.cameraId });
    this.logger.warn(
      {
        camera: this.camera.cameraId,
        code,
        signal,
        stderr: stderrForLog(stderr, this.camera.sourceUrl),
        delayMs,
        attempt: this.attempts,
      },
      'ffmpeg exited; restarting after back-off',
    );
    // Its last segment may be unlisted: the next pass probes and archives it.
    this.kick();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.state !== 'restarting') return;
      this.state = 'recording';
      this.spawnFfmpeg();
    }, delayMs);
  }

  private kick(): void {
    if (Date.now() < this.retryAt) return;
    this.draining = this.draining.then(() => this.drain());
  }

  private async drain(): Promise<void> {
    let pending: PendingSegment[];
    try {
      pending = await scanSpool(this.dir, {
        ...(this.currentRun !== undefined ? { currentRun: this.currentRun } : {}),
        probe: (path) => probeDurationSeconds(path, this.settings.ffprobePath),
        onTailRemoved: (file) =>
          this.logger.info({ camera: this.camera.cameraId, file }, 'empty tail segment removed'),
      });
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
        this.uploadFailing = true;
        this.logger.warn(
          { camera: this.camera.cameraId, file: segment.path, err: error },
          'segment upload failed; kept in the spool, retrying in order',
        );
        this.retryAt = Date.now() + this.settings.retryMs;
        return;
      }
      this.uploadFailing = false;
      // A segment of the running ffmpeg means the camera streams again: reset the back-off.
      if (segment.run === this.currentRun) this.attempts = 0;
    }
    this.lastSpoolBytes = await spoolBytes(this.dir).catch(() => this.lastSpoolBytes);
  }

  private async checkSpoolBound(): Promise<void> {
    const bytes = await spoolBytes(this.dir);
    this.lastSpoolBytes = bytes;
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
    let versionId: string | null;
    try {
      ({ versionId } = await this.storage.put(this.settings.bucket, key, body, {
        contentType: 'video/mp2t',
        size: bytes,
        metadata: {
          camera: cameraId,
          start: segment.start.toISOString(),
          end: segment.end.toISOString(),
          bytes: String(bytes),
          sha256,
        },
      }));
    } finally {
      body.destroy();
      await file.close();
    }
    const retention = this.settings.objectRetention;
    if (retention) {
      // Counted from the upload, so it never ends before the bucket default set on the same version.
      await this.storage.setObjectRetention(this.settings.bucket, key, {
        mode: retention.mode,
        retainUntil: new Date(Date.now() + retention.days * DAY_MS),
        ...(versionId ? { versionId } : {}),
      });
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
    this.lastArchivedEnd = segment.end;
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
