import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually } from '@ecogate/testing';
import { type NewVideoSegment } from '../segment/video-segment.repository';
import { CameraRecorder } from './camera-recorder';

/** 2 s of real H.264 in MPEG-TS: an unlisted tail ffmpeg left behind when it died. */
const sample = join(mkdtempSync(join(tmpdir(), 'tail-sample-')), 'tail.ts');
execFileSync('ffmpeg', [
  '-loglevel',
  'error',
  '-f',
  'lavfi',
  '-i',
  'testsrc2=size=160x120:rate=10',
  '-t',
  '2',
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  '-g',
  '10',
  '-f',
  'mpegts',
  sample,
]);
afterAll(() => rmSync(join(sample, '..'), { recursive: true, force: true }));

describe('CameraRecorder spool upload', () => {
  let spool: string;
  const anchor = Date.UTC(2026, 10, 28, 2, 0, 0);
  beforeEach(() => {
    spool = mkdtempSync(join(tmpdir(), 'spool-spec-'));
    const dir = join(spool, 'gate-1');
    mkdirSync(dir);
    writeFileSync(join(dir, `run-${anchor}-000000.ts`), 'aaa');
    writeFileSync(join(dir, `run-${anchor}-000001.ts`), 'bbbb');
    writeFileSync(join(dir, `run-${anchor}-000002.ts`), 'no frames: opened just before ffmpeg stopped');
    writeFileSync(
      join(dir, `run-${anchor}.csv`),
      `run-${anchor}-000000.ts,0.0,5.0\nrun-${anchor}-000001.ts,5.0,10.0\n`,
    );
  });
  afterEach(() => rmSync(spool, { recursive: true, force: true }));

  function recorder(
    put: ObjectStorage['put'],
    indexed: NewVideoSegment[],
    maxSpoolBytes = 1_000,
    sourceUrl = 'rtsp://x/y',
    recording = false,
  ) {
    const storage = { put } as unknown as ObjectStorage;
    const logger = createLogger({ service: 'spec', level: 'silent' });
    const errors = jest.spyOn(logger, 'error');
    const camera = {
      enterpriseId: parseEnterpriseId('ent-1'),
      siteId: 's',
      cameraId: 'gate-1',
      sourceUrl,
      recording,
    };
    const settings = {
      spoolDir: spool,
      bucket: 'video',
      segmentSeconds: 5,
      maxSpoolBytes,
      pollMs: 60_000,
      retryMs: 60_000,
      restartInitialMs: 50,
      restartMaxMs: 200,
    };
    const index = { record: (_e: unknown, s: NewVideoSegment) => (indexed.push(s), Promise.resolve(true)) };
    return { recorder: new CameraRecorder(camera, settings, storage, index, logger), errors };
  }

  it('uploads closed segments in order with their times, then deletes them; an empty tail of an ended run is removed', async () => {
    const keys: string[] = [];
    const indexed: NewVideoSegment[] = [];
    const { recorder: r } = recorder(
      (_b, key) => (keys.push(key), Promise.resolve({ etag: 'e', versionId: null })),
      indexed,
    );
    await r.start();
    await r.flush();
    await r.stop();
    expect(keys).toEqual(
      [
        's/s/2026/11/28/video/gate-1/20261128T020000000Z.ts',
        's/s/2026/11/28/video/gate-1/20261128T020005000Z.ts',
      ].map((k) => k.replace(/^s\//, 'ent-1/')),
    );
    expect(indexed.map((s) => [s.startAt.toISOString(), s.endAt.toISOString(), s.bytes])).toEqual([
      ['2026-11-28T02:00:00.000Z', '2026-11-28T02:00:05.000Z', 3],
      ['2026-11-28T02:00:05.000Z', '2026-11-28T02:00:10.000Z', 4],
    ]);
    expect(readdirSync(join(spool, 'gate-1'))).toEqual([]);
  });

  it('archives a playable unlisted tail of an ended run after its listed segments, timed by ffprobe', async () => {
    copyFileSync(sample, join(spool, 'gate-1', `run-${anchor}-000002.ts`));
    const indexed: NewVideoSegment[] = [];
    const { recorder: r } = recorder(
      () => Promise.resolve({ etag: 'e', versionId: null }),
      indexed,
      10_000_000,
    );
    await r.start();
    await r.flush();
    await r.stop();
    expect(indexed.map((s) => s.startAt.toISOString())).toEqual([
      '2026-11-28T02:00:00.000Z',
      '2026-11-28T02:00:05.000Z',
      '2026-11-28T02:00:10.000Z',
    ]);
    const tailSeconds = (indexed[2]!.endAt.getTime() - indexed[2]!.startAt.getTime()) / 1000;
    expect(tailSeconds).toBeGreaterThan(1.8);
    expect(tailSeconds).toBeLessThan(2.3);
    expect(readdirSync(join(spool, 'gate-1'))).toEqual([]);
  });

  it('restarts ffmpeg with back-off after it exits, and reports it', async () => {
    const { recorder: r } = recorder(
      () => Promise.resolve({ etag: 'e', versionId: null }),
      [],
      1_000_000,
      'rtsp://127.0.0.1:1/nothing-listens',
      true,
    );
    await r.start();
    await expectEventually(() => expect(r.status().restarts).toBeGreaterThanOrEqual(3), {
      timeoutMs: 10_000,
    });
    expect(['restarting', 'recording']).toContain(r.status().state);
    await r.stop();
    const restarts = r.status().restarts;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(r.status()).toMatchObject({ state: 'stopped', restarts });
  });

  it('keeps a failed segment and everything after it, and retries from the oldest', async () => {
    const keys: string[] = [];
    let fail = true;
    const { recorder: r } = recorder((_b, key) => {
      keys.push(key);
      return fail ? Promise.reject(new Error('minio down')) : Promise.resolve({ etag: 'e', versionId: null });
    }, []);
    await r.start();
    await r.flush();
    expect(keys).toHaveLength(1);
    expect(readdirSync(join(spool, 'gate-1'))).toHaveLength(3);
    expect(r.status()).toMatchObject({ uploadFailing: true });
    fail = false;
    await r.flush();
    await r.stop();
    expect(keys[1]).toBe(keys[0]);
    expect(keys).toHaveLength(3);
  });

  it('logs an error (never drops) when the spool is above its bound', async () => {
    const { recorder: r, errors } = recorder(() => Promise.reject(new Error('down')), [], 5);
    await r.start();
    await r.flush();
    await r.stop();
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ maxSpoolBytes: 5 }),
      expect.stringContaining('above its bound'),
    );
    expect(readdirSync(join(spool, 'gate-1'))).toHaveLength(3);
    expect(r.status()).toMatchObject({ spoolOverLimit: true, uploadFailing: true });
  });
});
