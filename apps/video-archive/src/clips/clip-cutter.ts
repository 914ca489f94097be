import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { type ObjectStorage } from '@ecogate/storage';
import { cutPoints, type Window } from './clip-plan';

const exec = promisify(execFile);

export interface StoredSegment {
  readonly startAt: Date;
  readonly endAt: Date;
  readonly bucket: string;
  readonly objectKey: string;
}

export interface CutClip {
  /** The MP4 on local disk; the caller uploads it, then calls `dispose`. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly actual: Window;
  dispose(): Promise<void>;
}

export interface ClipCutterOptions {
  readonly ffmpegPath?: string;
  readonly ffprobePath?: string;
  /** Scratch space for downloaded segments and the clip. */
  readonly workDir?: string;
  /** An ffmpeg/ffprobe call taking longer than this is killed (a stuck process must not block the worker). */
  readonly timeoutMs?: number;
}

interface ProbeOutput {
  packets?: { pts_time?: string; flags?: string }[];
  format?: { start_time?: string };
}

/**
 * Cuts a window out of a gap-free run of archived MPEG-TS segments without re-encoding: the
 * segments are joined by ffmpeg's concat demuxer (each placed at its indexed offset) and copied
 * into an MP4 from the key frame at or before the window start to the window end.
 */
export class ClipCutter {
  private readonly ffmpeg: string;
  private readonly ffprobe: string;
  private readonly timeout: number;

  constructor(
    private readonly storage: ObjectStorage,
    private readonly options: ClipCutterOptions = {},
  ) {
    this.ffmpeg = options.ffmpegPath ?? 'ffmpeg';
    this.ffprobe = options.ffprobePath ?? 'ffprobe';
    this.timeout = options.timeoutMs ?? 60_000;
  }

  /** `null` when the run has no key frame before the window end (nothing decodable to cut). */
  async cut(run: readonly StoredSegment[], window: Window): Promise<CutClip | null> {
    const first = run[0];
    if (!first) return null;
    const dir = await mkdtemp(join(this.options.workDir ?? tmpdir(), 'clip-'));
    const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
    try {
      const origin = first.startAt.getTime();
      const keyFrames: number[] = [];
      const list: string[] = [];
      for (const [i, segment] of run.entries()) {
        const file = join(dir, `segment-${i}.ts`);
        await pipeline(await this.storage.get(segment.bucket, segment.objectKey), createWriteStream(file));
        const offset = (segment.startAt.getTime() - origin) / 1000;
        for (const k of await this.keyFrames(file)) keyFrames.push(offset + k);
        // The indexed duration places each segment on the wall-clock timeline of the run.
        const duration = (segment.endAt.getTime() - segment.startAt.getTime()) / 1000;
        list.push(`file '${file}'`, `duration ${duration.toFixed(3)}`);
      }
      const points = cutPoints(run, keyFrames, window);
      if (!points) {
        await dispose();
        return null;
      }
      const listFile = join(dir, 'segments.txt');
      await writeFile(listFile, `${list.join('\n')}\n`);
      const out = join(dir, 'clip.mp4');
      // Output-side -ss with stream copy drops packets before the key frame (a hair earlier, so
      // rounding never drops the key frame itself) and -to stops at the window end.
      await exec(
        this.ffmpeg,
        [
          '-hide_banner',
          '-nostdin',
          '-loglevel',
          'error',
          '-f',
          'concat',
          '-safe',
          '0',
          '-i',
          listFile,
          '-ss',
          Math.max(0, points.startSeconds - 0.001).toFixed(3),
          '-to',
          points.endSeconds.toFixed(3),
          '-map',
          '0:v',
          '-map',
          '0:a?',
          '-c',
          'copy',
          '-movflags',
          '+faststart',
          '-f',
          'mp4',
          out,
        ],
        { timeout: this.timeout },
      );
      const { bytes, sha256 } = await hashFile(out);
      return { path: out, bytes, sha256, actual: points.actual, dispose };
    } catch (error) {
      await dispose();
      throw error;
    }
  }

  /** Key-frame times in seconds from the file's start (video packets flagged K; no decoding). */
  private async keyFrames(file: string): Promise<number[]> {
    const { stdout } = await exec(
      this.ffprobe,
      [
        '-v',
        'error',
        '-select_streams',
        'v:0',
        '-show_entries',
        'packet=pts_time,flags:format=start_time',
        '-of',
        'json',
        file,
      ],
      { timeout: this.timeout, maxBuffer: 64 * 1024 * 1024 },
    );
    const probe = JSON.parse(stdout) as ProbeOutput;
    const start = Number(probe.format?.start_time ?? 0);
    return (probe.packets ?? [])
      .filter((p) => p.flags?.startsWith('K') && p.pts_time !== undefined)
      .map((p) => Number(p.pts_time) - start)
      .filter((t) => Number.isFinite(t))
      .sort((a, b) => a - b);
  }
}

async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: (await stat(path)).size, sha256: hash.digest('hex') };
}
