import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface SampledFrame {
  readonly path: string;
  /** Seconds from the start of the segment file. */
  readonly offsetSeconds: number;
}

export interface SampleRequest {
  /** A local MPEG-TS segment. */
  readonly file: string;
  /** The part of the segment inside the window, in seconds from its start. */
  readonly fromSeconds: number;
  readonly toSeconds: number;
  readonly fps: number;
  /** Where the JPEGs go; `prefix` keeps several segments' frames apart in one folder. */
  readonly outDir: string;
  readonly prefix: string;
}

/**
 * Decodes `fps` frames a second of [from, to) of a segment to JPEGs with ffmpeg. Frame k shows
 * the picture at `from + k / fps` (the fps filter picks the frame nearest each tick).
 */
export async function sampleFrames(
  request: SampleRequest,
  tools: { readonly ffmpegPath?: string; readonly timeoutMs?: number } = {},
): Promise<SampledFrame[]> {
  const duration = request.toSeconds - request.fromSeconds;
  if (duration <= 0) return [];
  await exec(
    tools.ffmpegPath ?? 'ffmpeg',
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-ss',
      request.fromSeconds.toFixed(3),
      '-i',
      request.file,
      '-t',
      duration.toFixed(3),
      '-map',
      '0:v:0',
      '-vf',
      `fps=${request.fps}`,
      // Near-lossless: the frame is read again by the recogniser and kept as evidence.
      '-q:v',
      '2',
      join(request.outDir, `${request.prefix}-%06d.jpg`),
    ],
    { timeout: tools.timeoutMs ?? 120_000 },
  );
  const names = (await readdir(request.outDir))
    .filter((name) => name.startsWith(`${request.prefix}-`) && name.endsWith('.jpg'))
    .sort();
  return names.map((name, k) => ({
    path: join(request.outDir, name),
    offsetSeconds: request.fromSeconds + k / request.fps,
  }));
}
