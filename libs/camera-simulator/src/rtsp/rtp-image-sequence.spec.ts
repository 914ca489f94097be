import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { samplesDir } from '../samples';
import { RtspTestServer } from './rtsp-test-server';

const run = promisify(execFile);
const SCENES = ['double_yellow.jpg', 'we_18.jpg', 'single_green.jpg'];
const SIZE = 16;

const LETTERBOX = 'scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2';

/** 16×16 grey thumbnails of every frame `input` decodes to, after `filter`. */
async function thumbnails(input: string, filter: string): Promise<Buffer[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', input, '-vf', `${filter},scale=${SIZE}:${SIZE},format=gray`, '-f', 'rawvideo', '-'],
    { encoding: 'buffer', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const frames: Buffer[] = [];
  for (let at = 0; at + SIZE * SIZE <= stdout.length; at += SIZE * SIZE) {
    frames.push(stdout.subarray(at, at + SIZE * SIZE));
  }
  return frames;
}

const distance = (a: Buffer, b: Buffer): number =>
  a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0);

describe('RtspTestServer with still images', () => {
  let work: string;
  let server: RtspTestServer;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'rtsp-stills-'));
    server = new RtspTestServer({
      images: SCENES.map((name) => ({ path: join(samplesDir(), 'scene', name), seconds: 2 })),
      width: 640,
      height: 360,
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it('streams each still in turn, for its seconds, in a loop', async () => {
    await server.start();
    const recording = join(work, 'recorded.ts');
    await run(
      'ffmpeg',
      ['-v', 'error', '-rtsp_transport', 'tcp', '-i', server.url, '-t', '9', '-c', 'copy', recording],
      { timeout: 30_000 },
    );
    // Each still letterboxed as the server does, then the recording at 4 frames a second: every
    // frame must be nearest to one still, and the stills must follow each other in order, 2 s each.
    const stills = await Promise.all(
      SCENES.map(async (name) => (await thumbnails(join(samplesDir(), 'scene', name), LETTERBOX))[0]!),
    );
    const nearest = (frame: Buffer): number => {
      const distances = stills.map((still) => distance(frame, still));
      return distances.indexOf(Math.min(...distances));
    };
    const shown = (await thumbnails(recording, 'fps=4')).map(nearest);
    expect(shown.length).toBeGreaterThanOrEqual(24);
    // Runs of the same still: each run but the first and last (cut by the recording) lasts ~2 s.
    const runs: { still: number; frames: number }[] = [];
    for (const still of shown) {
      const last = runs[runs.length - 1];
      if (last?.still === still) last.frames += 1;
      else runs.push({ still, frames: 1 });
    }
    expect(new Set(runs.map((r) => r.still))).toEqual(new Set([0, 1, 2]));
    for (const [i, r] of runs.entries()) {
      if (i > 0) expect(r.still).toBe((runs[i - 1]!.still + 1) % 3);
      if (i > 0 && i < runs.length - 1) {
        expect(r.frames).toBeGreaterThanOrEqual(7);
        expect(r.frames).toBeLessThanOrEqual(9);
      }
    }
    // The stills really differ from each other (the nearest one is meaningful).
    expect(distance(stills[0]!, stills[1]!)).toBeGreaterThan(SIZE * SIZE * 10);
    expect(distance(stills[1]!, stills[2]!)).toBeGreaterThan(SIZE * SIZE * 10);
  }, 60_000);
});
