import 'reflect-metadata';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createKafka, ensureTopics, KafkaEventPublisher, physicalTopic } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  parseEnterpriseId,
  runMigrations,
} from '@ecogate/persistence';
import { MinioObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { ClipCutter } from '../src/clips/clip-cutter';
import { clipIdOf } from '../src/clips/clip-id';
import { ClipWorker } from '../src/clips/clip-worker';
import { SegmentWindowRepository } from '../src/clips/segment-window.repository';
import { VideoClipRepository } from '../src/clips/video-clip.repository';
import { CameraRecorder } from '../src/recorder/camera-recorder';
import { VideoSegmentRepository } from '../src/segment/video-segment.repository';
import { videoEntities, videoMigrations } from '../src/video-archive.data-source';
import { findPids, machineCpu, processCpuSeconds } from './proc-cpu';

// `npm run bench:archive`: N concurrent 2 Mbit/s H.264 streams recorded by the production
// recorder (ffmpeg -c copy segmenter + uploader + index) into the local MinIO and Postgres, N
// ramped until the machine saturates; passages during each step measure clip-ready latency.
const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const STEPS = env('BENCH_STREAMS', '1,8,16,32,64,96,128').split(',').map(Number);
const STEP_SECONDS = Number(env('BENCH_STEP_SECONDS', '45'));
const SEGMENT_SECONDS = Number(env('BENCH_SEGMENT_SECONDS', '10'));
const CLIP_SECONDS = Number(env('BENCH_CLIP_SECONDS', '5'));
const PASSAGE_EVERY_MS = Number(env('BENCH_PASSAGE_EVERY_MS', '2000'));
const BITRATE = '2M';
// Other work on the machine counts too: the busy share is of the whole machine.
const SATURATED_CPU = 0.95;

const exec = promisify(execFile);
const logger = createLogger({ service: 'bench-archive', level: 'error' });

interface StepResult {
  streams: number;
  machineBusy: number;
  recorderCpuPerStream: number;
  uploaderCpuPerStream: number;
  minioCpuPerStream: number;
  archiveCores: number;
  archivedMBps: number;
  mediaRatio: number;
  backlog: number;
  clips: number;
  clipsMissing: number;
  clipP50: number;
  clipP95: number;
  saturated: string;
}

async function preEncode(dir: string, seconds: number): Promise<string> {
  const file = join(dir, `source-720p-${BITRATE}-${seconds}s.ts`);
  if (existsSync(file)) return file;
  // CBR with filler (nal-hrd=cbr): the stream really carries 2 Mbit/s, like a camera's CBR setting.
  await exec('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=25',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '50',
    '-b:v',
    BITRATE,
    '-minrate',
    BITRATE,
    '-maxrate',
    BITRATE,
    '-bufsize',
    '1M',
    '-x264-params',
    'nal-hrd=cbr',
    '-f',
    'mpegts',
    `${file}.part`,
  ]);
  renameSync(`${file}.part`, file);
  return file;
}

async function startSource(file: string, seconds: number): Promise<{ port: number; child: ChildProcess }> {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(__dirname, 'paced-ts-server.ts'), file, String(seconds), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return { port, child };
}

async function spoolFiles(spool: string): Promise<number> {
  let count = 0;
  for (const camera of await readdir(spool).catch(() => [] as string[])) {
    count += (await readdir(join(spool, camera))).filter((name) => name.endsWith('.ts')).length;
  }
  return count;
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

async function runStep(
  streams: number,
  ctx: {
    port: number;
    bucket: string;
    spool: string;
    dataSource: DataSource;
    storage: MinioObjectStorage;
    clips: VideoClipRepository;
  },
): Promise<StepResult> {
  const enterpriseId = parseEnterpriseId(`bench-${randomBytes(3).toString('hex')}`);
  const segments = new VideoSegmentRepository(ctx.dataSource);
  const recorders = Array.from(
    { length: streams },
    (_, i) =>
      new CameraRecorder(
        {
          enterpriseId,
          siteId: 'site-bench',
          cameraId: `cam-${i}`,
          sourceUrl: `http://127.0.0.1:${ctx.port}/cam-${i}.ts`,
          recording: true,
        },
        {
          spoolDir: ctx.spool,
          bucket: ctx.bucket,
          segmentSeconds: SEGMENT_SECONDS,
          maxSpoolBytes: 500_000_000,
          pollMs: 500,
          retryMs: 1_000,
        },
        ctx.storage,
        segments,
        logger,
      ),
  );
  const startedAt = Date.now();
  await Promise.all(recorders.map((r) => r.start()));
  // Warm-up: connections, the first key frame; then measure.
  await sleep(3_000);
  const cpu0 = await machineCpu();
  const ffmpegPids = await findPids(['-segment_list'], process.pid);
  // MinIO runs on this machine too: its share is the cost of storing (other users' requests included).
  const minioPids = await findPids(['minio', 'server']);
  const minio0 = await Promise.all(minioPids.map((pid) => processCpuSeconds(pid)));
  const ffmpeg0 = await Promise.all(ffmpegPids.map((pid) => processCpuSeconds(pid)));
  const self0 = await processCpuSeconds(process.pid, true);
  const measuredFrom = Date.now();

  // Passages at the gates while recording (one clip request every PASSAGE_EVERY_MS), from when
  // the first CLIP_SECONDS of video exist, so every window is recorded from its start.
  await sleep(Math.max(0, startedAt + (CLIP_SECONDS + 2) * 1000 - Date.now()));
  let passage = 0;
  const requested: string[] = [];
  const deadline = startedAt + STEP_SECONDS * 1000;
  while (Date.now() + PASSAGE_EVERY_MS < deadline - (CLIP_SECONDS + SEGMENT_SECONDS) * 1000) {
    const capturedAt = new Date();
    const cameraId = `cam-${passage % streams}`;
    const passageId = `p-${passage++}`;
    const id = clipIdOf(enterpriseId, passageId, 'in', cameraId);
    requested.push(id);
    await ctx.clips.request(enterpriseId, {
      id,
      siteId: 'site-bench',
      passageId,
      direction: 'in',
      cameraId,
      capturedAt,
      requestedFrom: new Date(capturedAt.getTime() - CLIP_SECONDS * 1000),
      requestedTo: new Date(capturedAt.getTime() + CLIP_SECONDS * 1000),
      giveUpAt: new Date(capturedAt.getTime() + (CLIP_SECONDS + 2 * SEGMENT_SECONDS + 20) * 1000),
    });
    await sleep(PASSAGE_EVERY_MS);
  }
  await sleep(Math.max(0, deadline - Date.now()));

  const measuredSeconds = (Date.now() - measuredFrom) / 1000;
  const cpu1 = await machineCpu();
  const ffmpeg1 = await Promise.all(ffmpegPids.map((pid) => processCpuSeconds(pid)));
  const self1 = await processCpuSeconds(process.pid, true);
  const minio1 = await Promise.all(minioPids.map((pid) => processCpuSeconds(pid)));
  // Segments still in the spools: one open per camera is normal, more means uploads fall behind.
  const backlog = (await spoolFiles(ctx.spool)) / streams;
  const recordedSeconds = (Date.now() - startedAt) / 1000;
  const clipEnd = Date.now() + (CLIP_SECONDS + 2 * SEGMENT_SECONDS + 25) * 1000;
  await Promise.all(recorders.map((r) => r.stop()));
  // Everything recorded is archived now; media seconds per wall second below 1 means ffmpeg lagged.
  const rows: { media: string; bytes: string }[] = await ctx.dataSource.query(
    `SELECT COALESCE(SUM(EXTRACT(EPOCH FROM "end_at" - "start_at")), 0) AS media, COALESCE(SUM("bytes"), 0) AS bytes
     FROM "video_segments" WHERE "enterprise_id" = $1`,
    [enterpriseId],
  );
  const media = Number(rows[0]?.media ?? 0);
  const bytes = Number(rows[0]?.bytes ?? 0);
  // Wait for every clip of the step to be archived or given up.
  let finished = await ctx.clips.find(enterpriseId, {});
  while (finished.some((c) => c.status === 'pending') && Date.now() < clipEnd) {
    await sleep(500);
    finished = await ctx.clips.find(enterpriseId, {});
  }
  const latencies = finished.flatMap((c) =>
    c.status === 'archived' && c.completedAt
      ? [(c.completedAt.getTime() - c.capturedAt.getTime()) / 1000]
      : [],
  );

  const busy = (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total);
  const clipLate = quantile(latencies, 0.95) > CLIP_SECONDS + 2 * SEGMENT_SECONDS + 10;
  // An ffmpeg that exited during the step (restarted by the recorder) reads 0: count what it had.
  const recorderCpu = ffmpeg1.reduce((total, end, i) => total + Math.max(0, end - (ffmpeg0[i] ?? 0)), 0);
  const restarted = ffmpeg1.filter((end) => end === 0).length;
  const mediaRatio = media / (streams * recordedSeconds);
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const ownCores = (recorderCpu + (self1 - self0) + sum(minio1) - sum(minio0)) / measuredSeconds;
  // The machine is shared: its busy share alone would blame others' work on the archive, so the
  // archive's own CPU (recorders, uploader, MinIO) and its symptoms decide.
  const saturated =
    ownCores >= cpus().length * SATURATED_CPU
      ? `archive CPU ${ownCores.toFixed(2)} cores`
      : busy >= SATURATED_CPU && clipLate
        ? `machine CPU ${(busy * 100).toFixed(0)} % and clips late`
        : restarted > 0
          ? `${restarted} recorder ffmpeg exited`
          : backlog > 2
            ? `uploads behind (${backlog.toFixed(1)} segments queued per camera)`
            : mediaRatio < 0.85
              ? `recording behind real time (${mediaRatio.toFixed(2)})`
              : '';
  return {
    streams,
    machineBusy: busy,
    recorderCpuPerStream: recorderCpu / measuredSeconds / streams,
    uploaderCpuPerStream: (self1 - self0) / measuredSeconds / streams,
    minioCpuPerStream: (sum(minio1) - sum(minio0)) / measuredSeconds / streams,
    archiveCores: ownCores,
    archivedMBps: bytes / recordedSeconds / 1e6,
    backlog,
    mediaRatio,
    clips: requested.length,
    clipsMissing: finished.filter((c) => c.status !== 'archived').length,
    clipP50: quantile(latencies, 0.5),
    clipP95: quantile(latencies, 0.95),
    saturated,
  };
}

async function main(): Promise<void> {
  const infra = loadInfraEnv();
  const work = mkdtempSync(join(tmpdir(), 'bench-archive-'));
  const cache = join(tmpdir(), 'bench-archive-source');
  mkdirSync(cache, { recursive: true });
  const mediaSeconds = STEP_SECONDS + 10;
  console.log(`pre-encoding ${mediaSeconds} s of 720p25 H.264 at ${BITRATE}bit/s CBR…`);
  const file = await preEncode(cache, mediaSeconds);
  const source = await startSource(file, mediaSeconds);

  const database = await createTemporaryDatabase(infra.DATABASE_URL, 'bench_archive');
  const dataSource = createDataSource({
    url: database.url,
    entities: videoEntities,
    migrations: videoMigrations,
    logging: false,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const storage = new MinioObjectStorage({
    endpoint: infra.S3_ENDPOINT,
    accessKey: infra.S3_ACCESS_KEY,
    secretKey: infra.S3_SECRET_KEY,
  });
  const bucket = `bench-archive-${randomBytes(4).toString('hex')}`;
  await storage.ensureBucket(bucket);
  const topicPrefix = `bench-${randomBytes(4).toString('hex')}.`;
  const messaging = {
    ...kafkaClientOptions(infra),
    clientId: 'bench-archive',
    topicPrefix,
    logger,
  };
  const kafka = createKafka(messaging);
  await ensureTopics(kafka, [{ name: physicalTopic(messaging, 'video.clip.archived.v1'), partitions: 1 }]);
  const publisher = new KafkaEventPublisher(kafka, messaging);
  await publisher.connect();
  const clips = new VideoClipRepository(dataSource);
  const worker = new ClipWorker(
    {
      clips,
      segments: new SegmentWindowRepository(dataSource),
      cutter: new ClipCutter(storage, { workDir: work }),
      storage,
      publisher,
      logger,
    },
    { bucket, pollMs: 250, recheckMs: 250, leaseMs: 60_000, batchSize: 20, maxAttempts: 3 },
  );
  worker.start();

  const results: StepResult[] = [];
  try {
    console.log(
      `${cpus().length} cores; ${STEP_SECONDS} s per step, ${SEGMENT_SECONDS} s segments, clips ±${CLIP_SECONDS} s`,
    );
    for (const streams of STEPS) {
      const result = await runStep(streams, {
        port: source.port,
        bucket,
        spool: join(work, `spool-${streams}`),
        dataSource,
        storage,
        clips,
      });
      results.push(result);
      console.log(
        [
          `streams=${result.streams}`,
          `machine=${(result.machineBusy * 100).toFixed(0)}%`,
          `recorder=${(result.recorderCpuPerStream * 100).toFixed(2)}%core/stream`,
          `uploader=${(result.uploaderCpuPerStream * 100).toFixed(2)}%core/stream`,
          `minio=${(result.minioCpuPerStream * 100).toFixed(2)}%core/stream`,
          `archive=${result.archiveCores.toFixed(2)}cores`,
          `archived=${result.archivedMBps.toFixed(2)}MB/s`,
          `media/wall=${result.mediaRatio.toFixed(2)}`,
          `backlog=${result.backlog.toFixed(1)}seg/cam`,
          `clips=${result.clips - result.clipsMissing}/${result.clips}`,
          `clip p50=${result.clipP50.toFixed(1)}s p95=${result.clipP95.toFixed(1)}s`,
          result.saturated ? `SATURATED: ${result.saturated}` : '',
        ].join(' '),
      );
      if (result.saturated) break;
    }
  } finally {
    await worker.stop();
    await publisher.disconnect();
    source.child.kill('SIGTERM');
    await dataSource.destroy();
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify({ segmentSeconds: SEGMENT_SECONDS, stepSeconds: STEP_SECONDS, results }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
