import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestIssuer, ServiceToken } from '@ecogate/auth';
import { encodeImageSequence, samplesDir } from '@ecogate/camera-simulator';
import {
  createDataSource,
  createTemporaryDatabase,
  parseEnterpriseId,
  runMigrations,
} from '@ecogate/persistence';
import { MinioObjectStorage } from '@ecogate/storage';
import { loadInfraEnv } from '@ecogate/testing';
import { SegmentWindowRepository } from '../src/clips/segment-window.repository';
import { segmentKey } from '../src/segment/segment-key';
import { VideoSegmentRepository } from '../src/segment/video-segment.repository';
import { startPlateRecognition } from '../src/testing/plate-recognition-process';
import { videoEntities, videoMigrations } from '../src/video-archive.data-source';
import { PlateRecognitionClient } from '../src/window-scan/plate-recognition.client';
import { WindowScanner } from '../src/window-scan/window-scanner';

// `npm run bench:window-scan`: one window
// scan of BENCH_WINDOW_MINUTES (default 5) of 1280×720 archived video (three labelled scenes, 4 s
// each, looped; 60 s segments in the local MinIO and Postgres) at WINDOW_SCAN_FPS, read by a real
// plate-recognition process with BENCH_LPR_WORKERS workers: frames per second of the whole scan.
const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const MINUTES = Number(env('BENCH_WINDOW_MINUTES', '5'));
const FPS = Number(env('WINDOW_SCAN_FPS', '1'));
const CONCURRENCY = Number(env('WINDOW_SCAN_CONCURRENCY', '2'));
const LPR_WORKERS = env('BENCH_LPR_WORKERS', '2');
const SCENES = ['double_yellow.jpg', 'Quicker_20220930_180919.png', 'single_green.jpg'];
const exec = promisify(execFile);

async function main(): Promise<void> {
  const infra = loadInfraEnv();
  const work = mkdtempSync(join(tmpdir(), 'bench-window-scan-'));
  const suffix = randomBytes(4).toString('hex');
  const enterpriseId = parseEnterpriseId(`ent-bench-${suffix}`);
  const bucket = `ecogate-video-bench-${suffix}`;
  const storage = new MinioObjectStorage({
    endpoint: infra.S3_ENDPOINT,
    accessKey: infra.S3_ACCESS_KEY,
    secretKey: infra.S3_SECRET_KEY,
  });
  const database = await createTemporaryDatabase(infra.DATABASE_URL, 'bench_window_scan');
  const issuer = await TestIssuer.start(['video-archive']);
  writeFileSync(join(work, 'keys.json'), JSON.stringify(issuer.serviceKeys));
  const recognition = await startPlateRecognition({
    AUTH_JWKS_URL: issuer.jwksUrl,
    AUTH_SERVICE_KEYS_FILE: join(work, 'keys.json'),
    LPR_WORKERS,
  });
  try {
    // The video: the scenes' 12 s loop, repeated to the window's length, cut into 60 s segments.
    const loop = await encodeImageSequence({
      images: SCENES.map((scene) => ({ path: join(samplesDir(), 'scene', scene), seconds: 4 })),
      workDir: work,
    });
    const loops = Math.ceil((MINUTES * 60) / 12);
    await exec('ffmpeg', [
      '-v',
      'error',
      '-stream_loop',
      String(loops - 1),
      '-i',
      loop,
      '-c',
      'copy',
      '-f',
      'segment',
      '-segment_time',
      '60',
      '-reset_timestamps',
      '1',
      join(work, 'seg-%03d.ts'),
    ]);
    const files = (await readdir(work)).filter((f) => f.startsWith('seg-')).sort();
    const migrator = createDataSource({
      url: database.url,
      entities: videoEntities,
      migrations: videoMigrations,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await storage.ensureBucket(bucket);
    const index = new VideoSegmentRepository(migrator);
    const t0 = Date.parse('2026-12-07T08:00:00Z');
    let startMs = t0;
    for (const file of files) {
      const { stdout } = await exec('ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'format=duration',
        '-of',
        'csv=p=0',
        join(work, file),
      ]);
      const durationMs = Math.round(Number(stdout.trim()) * 1000);
      const key = segmentKey({
        enterpriseId,
        siteId: 'site-a',
        cameraId: 'gate-1',
        start: new Date(startMs),
      });
      const body = readFileSync(join(work, file));
      await storage.put(bucket, key, body, {
        contentType: 'video/mp2t',
        size: (await stat(join(work, file))).size,
      });
      await index.record(enterpriseId, {
        cameraId: 'gate-1',
        startAt: new Date(startMs),
        endAt: new Date(startMs + durationMs),
        bytes: body.length,
        sha256: 'bench',
        bucket,
        objectKey: key,
      });
      startMs += durationMs;
    }
    const scanner = new WindowScanner(
      {
        segments: new SegmentWindowRepository(migrator),
        storage,
        recogniser: new PlateRecognitionClient(
          recognition.url,
          await ServiceToken.fromPem('video-archive', issuer.servicePem('video-archive')),
          30_000,
        ),
      },
      { bucket, fps: FPS, concurrency: CONCURRENCY, mergeGapSeconds: 5, retryMaxMs: 5_000 },
    );
    const started = performance.now();
    const { result, frames } = await scanner.scan(
      {
        enterpriseId,
        id: '00000000-0000-4000-8000-000000000000',
        from: new Date(t0),
        to: new Date(t0 + MINUTES * 60_000),
        cameraIds: ['gate-1'],
      },
      () => undefined,
      new AbortController().signal,
    );
    const seconds = (performance.now() - started) / 1000;
    await migrator.destroy();
    const plates = new Map<string, number>();
    for (const p of result.plates) plates.set(p.plate, (plates.get(p.plate) ?? 0) + 1);
    console.log(
      JSON.stringify(
        {
          machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
          window: `${MINUTES} min at ${FPS} fps`,
          lprWorkers: Number(LPR_WORKERS),
          concurrency: CONCURRENCY,
          frames,
          seconds: Math.round(seconds * 10) / 10,
          framesPerSecond: Math.round((frames / seconds) * 100) / 100,
          videoSeconds: result.cameras[0]?.videoSeconds,
          sightings: Object.fromEntries(plates),
        },
        null,
        2,
      ),
    );
  } finally {
    await recognition.stop();
    await issuer.close();
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
