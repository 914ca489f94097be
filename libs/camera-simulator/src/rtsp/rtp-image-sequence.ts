import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const QUIET = ['-hide_banner', '-nostdin', '-loglevel', 'error'];

/** One still shown by the RTSP test source, for `seconds`, before the next (the list loops). */
export interface StillImage {
  /** Any image ffmpeg reads (JPEG, PNG…); letterboxed into the stream's frame size. */
  readonly path: string;
  readonly seconds: number;
}

export interface ImageSequenceOptions {
  readonly images: readonly StillImage[];
  /** Scratch folder: the normalised stills and the encoded sequence are written here. */
  readonly workDir: string;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly ffmpegPath?: string;
}

/**
 * Encodes the stills once into an H.264 file (one key frame per second and at every change of
 * image), so serving it in a loop is a stream copy: real time costs no encoding CPU. Each still is
 * letterboxed to the frame size, so stills of any size and format can follow each other.
 */
export async function encodeImageSequence(options: ImageSequenceOptions): Promise<string> {
  const { images, workDir, width = 1280, height = 720, fps = 5 } = options;
  if (images.length === 0) throw new Error('an image sequence needs at least one image');
  const inputs: string[] = [];
  const scaled: string[] = [];
  for (const [i, image] of images.entries()) {
    if (!(image.seconds > 0)) throw new Error(`image ${image.path}: seconds must be > 0`);
    inputs.push('-loop', '1', '-framerate', String(fps), '-t', String(image.seconds), '-i', image.path);
    scaled.push(
      `[${i}:v]scale=${width}:${height}:force_original_aspect_ratio=decrease,` +
        `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[v${i}]`,
    );
  }
  const joined = `${images.map((_, i) => `[v${i}]`).join('')}concat=n=${images.length}:v=1:a=0[out]`;
  const changes = images.map((_, i) => images.slice(0, i).reduce((sum, image) => sum + image.seconds, 0));
  // MPEG-TS with SPS/PPS before every key frame: a client can join at any time, as with a real
  // camera (ffmpeg 5's dump_extra filter fails at the loop point, so the headers are in the file).
  const out = join(workDir, 'sequence.ts');
  await exec(options.ffmpegPath ?? 'ffmpeg', [
    ...QUIET,
    '-y',
    ...inputs,
    '-filter_complex',
    [...scaled, joined].join(';'),
    '-map',
    '[out]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    // Sharp enough for a plate read off a decoded frame, as from a good camera.
    '-crf',
    '20',
    // No B-frames (as most cameras): packets go out in decoding order with rising times.
    '-bf',
    '0',
    '-g',
    String(fps),
    '-x264-params',
    'repeat-headers=1',
    '-force_key_frames',
    changes.join(','),
    out,
  ]);
  return out;
}

export interface RtpFileLoopOptions {
  readonly file: string;
  /** UDP port on 127.0.0.1 the RTP packets go to (RTCP goes to port + 1). */
  readonly rtpPort: number;
  readonly sdpFile: string;
  readonly ffmpegPath?: string;
}

/** ffmpeg sending an H.264 MPEG-TS file to RTP in real time, looped forever, without re-encoding. */
export function spawnRtpFileLoop(options: RtpFileLoopOptions): ChildProcess {
  return spawn(
    options.ffmpegPath ?? 'ffmpeg',
    [
      ...QUIET,
      '-re',
      '-stream_loop',
      '-1',
      '-i',
      options.file,
      '-map',
      '0:v',
      '-c:v',
      'copy',
      '-f',
      'rtp',
      '-sdp_file',
      options.sdpFile,
      `rtp://127.0.0.1:${options.rtpPort}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
