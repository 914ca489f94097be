import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseSegmentList } from '../segment/segment-list';

const exec = promisify(execFile);

// The test pattern: frame N carries N in binary as 16 vertical bars (bar i white when bit i is
// set), 20 px wide, so it survives H.264 compression and reads back from raw grey pixels without OCR.
const WIDTH = 320;
const HEIGHT = 64;
const BITS = 16;
const BAR = WIDTH / BITS;

export interface CounterSegment {
  readonly file: string;
  readonly startSeconds: number;
  readonly endSeconds: number;
}

export interface CounterVideoOptions {
  readonly seconds: number;
  readonly fps: number;
  /** Frames between key frames. */
  readonly gop: number;
  readonly segmentSeconds: number;
}

/** Encodes the counter pattern into MPEG-TS segments the way the recorder's segment muxer cuts them. */
export async function encodeCounterSegments(
  dir: string,
  options: CounterVideoOptions,
): Promise<CounterSegment[]> {
  await exec(
    'ffmpeg',
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `nullsrc=size=${WIDTH}x${HEIGHT}:rate=${options.fps},format=gray,geq=lum='if(bitand(N\\,pow(2\\,floor(X/${BAR})))\\,235\\,16)'`,
      '-t',
      String(options.seconds),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      String(options.gop),
      '-pix_fmt',
      'yuv420p',
      '-f',
      'segment',
      '-segment_time',
      String(options.segmentSeconds),
      '-segment_format',
      'mpegts',
      '-segment_list',
      join(dir, 'list.csv'),
      '-segment_list_type',
      'csv',
      join(dir, 'seg-%03d.ts'),
    ],
    { timeout: 60_000 },
  );
  return parseSegmentList(await readFile(join(dir, 'list.csv'), 'utf8')).map((s) => ({
    file: join(dir, s.file),
    startSeconds: s.startSeconds,
    endSeconds: s.endSeconds,
  }));
}

/** The counter of every decoded frame of a file or URL (an HLS playlist included), in order. */
export async function readFrameCounters(
  input: string,
  inputOptions: readonly string[] = [],
): Promise<number[]> {
  const { stdout } = await exec(
    'ffmpeg',
    ['-nostdin', '-v', 'error', ...inputOptions, '-i', input, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, timeout: 60_000 },
  );
  const frame = WIDTH * HEIGHT;
  const row = Math.floor(HEIGHT / 2) * WIDTH;
  const counters: number[] = [];
  for (let offset = 0; offset + frame <= stdout.length; offset += frame) {
    let n = 0;
    for (let bit = 0; bit < BITS; bit++) {
      if ((stdout[offset + row + bit * BAR + BAR / 2] ?? 0) > 128) n |= 1 << bit;
    }
    counters.push(n);
  }
  return counters;
}
