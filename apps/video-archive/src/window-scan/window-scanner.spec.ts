import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type VideoSegmentEntity } from '../segment/video-segment.entity';
import {
  type FrameRecogniser,
  RecognitionRefusedError,
  RecognitionUnavailableError,
} from './plate-recognition.client';
import { type FrameRead } from './plate-sightings';
import { type ScanProgress } from './window-scan.repository';
import { ScanAbortedError, type ScanJob, WindowScanner } from './window-scanner';

const run = promisify(execFile);
const T0 = Date.parse('2026-12-07T08:00:00Z');
const enterpriseId = parseEnterpriseId('ent-1');

/** A recogniser that reads `plate` in every frame, after `failures` unavailable answers. */
class FlakyRecogniser implements FrameRecogniser {
  calls = 0;
  constructor(
    private failures: number,
    private readonly answer: () => FrameRead[] = () => [{ text: '京EA5331', confidence: 0.9, trusted: true }],
  ) {}
  async recognise(jpeg: Buffer): Promise<FrameRead[]> {
    this.calls += 1;
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new RecognitionUnavailableError('plate-recognition answered 503');
    }
    return this.answer();
  }
}

describe('WindowScanner', () => {
  let dir: string;
  let segmentFile: string;
  const puts: { key: string; bytes: number }[] = [];
  // One 4-second segment archived from T0; the window covers its last 3 seconds and 2 more after it.
  const segment = {
    startAt: new Date(T0),
    endAt: new Date(T0 + 4_000),
    bucket: 'ecogate-video',
    objectKey: 'ent-1/site-a/2026/12/07/video/gate-1/20261207T080000000Z.ts',
  } as VideoSegmentEntity;
  const job: ScanJob = {
    enterpriseId,
    id: '5f0c2b2e-3d5e-4d0e-9a51-000000000001',
    from: new Date(T0 + 1_000),
    to: new Date(T0 + 6_000),
    cameraIds: ['gate-1', 'gate-2'],
  };
  const scanner = (recogniser: FrameRecogniser) =>
    new WindowScanner(
      {
        segments: {
          overlapping: async (_enterprise, cameraId) => (cameraId === 'gate-1' ? [segment] : []),
        },
        storage: {
          get: async () => createReadStream(segmentFile),
          put: async (_bucket, key, body) => {
            puts.push({ key, bytes: Buffer.isBuffer(body) ? body.length : -1 });
            return { etag: 'e', versionId: null };
          },
        },
        recogniser,
      },
      {
        bucket: 'ecogate-video',
        fps: 1,
        concurrency: 2,
        mergeGapSeconds: 3,
        retryInitialMs: 10,
        retryMaxMs: 20,
      },
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'window-scanner-'));
    segmentFile = join(dir, 'segment.ts');
    await run('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=10',
      '-t',
      '4',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '10',
      segmentFile,
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeEach(() => puts.splice(0));

  it('reads the frames inside the window, waits out an unavailable recogniser and stores the best frame', async () => {
    const recogniser = new FlakyRecogniser(2);
    const progress: ScanProgress[] = [];
    const { result, frames } = await scanner(recogniser).scan(
      job,
      (p) => progress.push(p),
      new AbortController().signal,
    );

    // Seconds 1, 2 and 3 of the segment: 3 frames, each read once it was answered (2 waits first).
    expect(frames).toBe(3);
    expect(recogniser.calls).toBe(5);
    expect(progress[0]).toEqual({ framesDone: 0, framesTotal: 3, note: null });
    expect(progress.some((p) => p.note?.startsWith('waiting for plate recognition'))).toBe(true);
    expect(progress.at(-1)).toEqual({ framesDone: 3, framesTotal: 3, note: null });
    expect(result.cameras).toEqual([
      { cameraId: 'gate-1', videoSeconds: 3, gapSeconds: 2 },
      { cameraId: 'gate-2', videoSeconds: 0, gapSeconds: 5 },
    ]);
    expect(result.plates).toEqual([
      {
        plate: '京EA5331',
        cameraId: 'gate-1',
        firstSeenAt: new Date(T0 + 1_000).toISOString(),
        lastSeenAt: new Date(T0 + 3_000).toISOString(),
        frames: 3,
        bestConfidence: 0.9,
        trusted: true,
        frame: { bucket: 'ecogate-video', key: `ent-1/site-a/2026/12/07/window-scan/${job.id}/0.jpg` },
      },
    ]);
    expect(puts).toEqual([
      { key: `ent-1/site-a/2026/12/07/window-scan/${job.id}/0.jpg`, bytes: expect.any(Number) },
    ]);
    expect(puts[0]!.bytes).toBeGreaterThan(1_000);
  }, 30_000);

  it('finds no plate when recognition reads none, and stores nothing', async () => {
    const { result } = await scanner(new FlakyRecogniser(0, () => [])).scan(
      job,
      () => undefined,
      new AbortController().signal,
    );
    expect(result.plates).toEqual([]);
    expect(puts).toEqual([]);
  }, 30_000);

  it('fails on a refusal instead of guessing, and stops when aborted', async () => {
    const refusing: FrameRecogniser = {
      recognise: () =>
        Promise.reject(new RecognitionRefusedError('plate-recognition refused a frame with 403')),
    };
    await expect(scanner(refusing).scan(job, () => undefined, new AbortController().signal)).rejects.toThrow(
      RecognitionRefusedError,
    );
    // Unavailable for good: the scan waits until it is stopped, then gives up without a result.
    const stop = new AbortController();
    const waiting = scanner(new FlakyRecogniser(Number.MAX_SAFE_INTEGER)).scan(
      job,
      (p) => {
        if (p.note) stop.abort();
      },
      stop.signal,
    );
    await expect(waiting).rejects.toThrow(ScanAbortedError);
  }, 30_000);
});
