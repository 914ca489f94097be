import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  parseEnterpriseId,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { MinioObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, loadInfraEnv } from '@ecogate/testing';
import { CameraRecorder } from './recorder/camera-recorder';
import { setUpVideoBucket, VideoRetentionRefusedError } from './retention/video-bucket';
import { VideoSegmentRepository } from './segment/video-segment.repository';
import { videoEntities, videoMigrations } from './video-archive.data-source';

// The camera: ffmpeg 5.1 (Debian 12) cannot *serve* RTSP (`-rtsp_flags listen` is an input option
// only), so the source is an H.264 MPEG-TS stream that ffmpeg serves over HTTP (`-listen 1`). The
// recorder runs the same `-c copy` segmenting command; only the RTSP transport options differ.
const SEGMENT_SECONDS = 5;
const SEGMENTS = 5;
const logger = createLogger({ service: 'video-archive-it', level: 'silent' });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function ffprobeDuration(path: string): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    path,
  ]);
  return Number(out.toString().trim());
}

describe('video-archive recording a live stream into MinIO and Postgres', () => {
  const infra = loadInfraEnv();
  const storage = new MinioObjectStorage({
    endpoint: infra.S3_ENDPOINT,
    accessKey: infra.S3_ACCESS_KEY,
    secretKey: infra.S3_SECRET_KEY,
  });
  const bucket = `video-it-${randomBytes(4).toString('hex')}`;
  const enterpriseId = parseEnterpriseId('ent-video-1');
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let source: ChildProcess | undefined;
  const spool = mkdtempSync(join(tmpdir(), 'video-spool-'));
  const scratch = mkdtempSync(join(tmpdir(), 'video-check-'));

  beforeAll(async () => {
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'video_it');
    dataSource = createDataSource({
      url: database.url,
      entities: videoEntities,
      migrations: videoMigrations,
      logging: false,
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    source?.kill('SIGKILL');
    await dataSource?.destroy();
    await database?.drop();
    rmSync(spool, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('refuses a 90-day video retention and sets a 180-day lifecycle expiry with object lock', async () => {
    await expect(
      setUpVideoBucket(storage, { bucket, enterpriseId, videoDays: 90, objectLock: true }),
    ).rejects.toThrow(VideoRetentionRefusedError);
    await expect(setUpVideoBucket(storage, { bucket, enterpriseId, videoDays: 90 })).rejects.toThrow(
      /at least 180 days; 90 refused/,
    );

    await expect(
      setUpVideoBucket(storage, { bucket, enterpriseId, videoDays: 180, objectLock: true }),
    ).resolves.toBe(180);
    expect(await storage.getExpiryRules(bucket)).toEqual([
      expect.objectContaining({ prefix: 'ent-video-1/', days: 180 }),
    ]);
    expect(await storage.getDefaultRetention(bucket)).toEqual({ mode: 'GOVERNANCE', days: 180 });
  });

  it(`records ${SEGMENTS} contiguous ${SEGMENT_SECONDS} s segments, uploaded, indexed and removed from the spool`, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/cam.ts`;
    source = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=320x240:rate=10',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-g',
        '10',
        '-f',
        'mpegts',
        '-listen',
        '1',
        url,
      ],
      { stdio: 'ignore' },
    );
    const segments = new VideoSegmentRepository(dataSource);
    const recorder = new CameraRecorder(
      { enterpriseId, siteId: 'site-a', cameraId: 'gate-1', sourceUrl: url, recording: true },
      {
        spoolDir: spool,
        bucket,
        segmentSeconds: SEGMENT_SECONDS,
        maxSpoolBytes: 50_000_000,
        pollMs: 200,
        retryMs: 500,
      },
      storage,
      segments,
      logger,
    );
    // The listener needs a moment to bind; the recorder's ffmpeg would fail on a refused connection.
    await expectEventually(
      async () => {
        await new Promise<void>((resolve, reject) => {
          const probe = createServer();
          probe.once('error', () => resolve());
          probe.listen(port, '127.0.0.1', () =>
            probe.close(() => reject(new Error('source not listening yet'))),
          );
        });
      },
      { timeoutMs: 5_000, intervalMs: 50 },
    );
    await recorder.start();
    await expectEventually(
      async () =>
        expect((await segments.forCamera(enterpriseId, 'gate-1')).length).toBeGreaterThanOrEqual(SEGMENTS),
      { timeoutMs: (SEGMENTS + 4) * SEGMENT_SECONDS * 1000, intervalMs: 250 },
    );
    await recorder.stop();
    source.kill('SIGKILL');

    const rows = await segments.forCamera(enterpriseId, 'gate-1');
    expect(rows.length).toBeGreaterThanOrEqual(SEGMENTS);
    // Contiguous in the index: each segment starts where the previous one ended.
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.startAt.getTime()).toBe(rows[i - 1]!.endAt.getTime());
    }
    let probed = 0;
    for (const row of rows) {
      const body = Buffer.concat(await (await storage.get(bucket, row.objectKey)).toArray());
      expect(body.length).toBe(row.bytes);
      expect(createHash('sha256').update(body).digest('hex')).toBe(row.sha256);
      const meta = (await storage.stat(bucket, row.objectKey)).metadata;
      expect(meta).toMatchObject({
        camera: 'gate-1',
        sha256: row.sha256,
        bytes: String(row.bytes),
        start: row.startAt.toISOString(),
      });
      expect(row.objectKey).toMatch(
        /^ent-video-1\/site-a\/\d{4}\/\d{2}\/\d{2}\/video\/gate-1\/\d{8}T\d{9}Z\.ts$/,
      );
      const file = join(scratch, `${row.id}.ts`);
      writeFileSync(file, body);
      probed += ffprobeDuration(file);
    }
    // The media adds up to the indexed span (key frames every second, so cuts are exact to ~0.1 s).
    const span = (rows.at(-1)!.endAt.getTime() - rows[0]!.startAt.getTime()) / 1000;
    expect(Math.abs(probed - span)).toBeLessThan(1);
    // Every segment ffmpeg listed as closed has left the spool. A stop can land just as ffmpeg opens
    // the next segment; that tail, unlisted and without frames, is kept (never dropped silently).
    const left = readdirSync(join(spool, 'gate-1')).filter((name) => name.endsWith('.ts'));
    expect(left.length).toBeLessThanOrEqual(1);
  }, 90_000);
});
