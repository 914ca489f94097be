import { authConfig, authEnv } from '@ecogate/auth';
import {
  bool,
  databaseEnv,
  defineConfig,
  httpEnv,
  messagingConfig,
  messagingEnv,
  objectStorageConfig,
  objectStorageEnv,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
  url,
} from '@ecogate/config';
import { resolve } from 'node:path';
import { z } from 'zod';

// Relative to the working directory, so a non-root service user can write it (no /var/spool).
const DEFAULT_SPOOL_DIR = '.data/video-archive/spool';

/** The programs that record and cut: looked up on PATH unless a path is given. */
export const videoToolsEnv = {
  FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  FFPROBE_PATH: z.string().min(1).default('ffprobe'),
};

/** Only the programs (for `main.js --check`, which needs no other variable). */
export const videoToolsConfig = defineConfig(videoToolsEnv, (env) => ({
  ffmpegPath: env.FFMPEG_PATH,
  ffprobePath: env.FFPROBE_PATH,
}));

export const videoArchiveConfig = defineConfig(
  {
    ...videoToolsEnv,
    ...databaseEnv,
    // The profile (ADR 0008): Kafka when KAFKA_BROKERS is set, else the embedded bus on
    // EVENT_LOG_DATABASE_URL; MinIO when S3_ENDPOINT is set, else files under $ECOGATE_HOME/objects.
    ...messagingEnv,
    ...objectStorageEnv,
    ...observabilityEnv,
    ...httpEnv,
    ...authEnv,
    VIDEO_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/)
      .default('ecogate-video'),
    /** JSON file: `{ "cameras": [{ enterpriseId, siteId, cameraId, recording, sourceUrl? }] }`. */
    VIDEO_CAMERAS_FILE: z.string().min(1),
    /** camera-ingest's API listener (`API_HTTP_PORT`): stream URIs of cameras listed without `sourceUrl`. */
    CAMERA_INGEST_URL: url(['http', 'https']).optional(),
    /** Segments before upload; unset = `<cwd>/.data/video-archive/spool` (the service's own data folder). */
    VIDEO_SPOOL_DIR: z.string().min(1).optional(),
    VIDEO_SEGMENT_SECONDS: positiveInt(60),
    VIDEO_MAX_SPOOL_BYTES: positiveInt(20 * 1024 ** 3),
    VIDEO_POLL_MS: positiveInt(2_000),
    VIDEO_RETRY_MS: positiveInt(10_000),
    VIDEO_RESTART_INITIAL_MS: positiveInt(1_000),
    VIDEO_RESTART_MAX_MS: positiveInt(60_000),
    /** The enterprise's video retention; refused below the city's floor (180 days nationally). */
    VIDEO_RETENTION_DAYS: positiveInt(180),
    /** WORM: `off`, `governance` (an authorised operator may bypass) or `compliance` (nobody may). */
    VIDEO_OBJECT_LOCK: z.enum(['off', 'governance', 'compliance']).default('governance'),
    VIDEO_OUTAGE_MIN_GAP_SECONDS: positiveInt(10),
    VIDEO_OUTAGE_SCAN_MS: positiveInt(30_000),
    VIDEO_OUTAGE_LOOKBACK_HOURS: positiveInt(48),
    VIDEO_MAX_FILING_HOURS: positiveInt(72),
    VIDEO_OUTBOX_POLL_MS: positiveInt(500),
    /** Follow camera-ingest's `camera.status.changed.v1` to pause and resume recorders. */
    VIDEO_FOLLOW_CAMERA_STATUS: bool(true),
    // Window scans (plates read from the archived video of an inspector's window).
    /** plate-recognition's HTTP API (`POST /recognize`); unset: window scans are refused (503). */
    PLATE_RECOGNITION_URL: url(['http', 'https']).optional(),
    /** Frames decoded per second of video: a truck stays in view for several seconds. */
    WINDOW_SCAN_FPS: z.coerce.number().min(0.1).max(10).default(1),
    WINDOW_SCAN_MAX_MINUTES: z.coerce.number().int().min(1).max(120).default(30),
    /** Frames in flight to plate-recognition at once (its queue answers 503 beyond its own bound). */
    WINDOW_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
    /** The same plate read again within this many seconds is the same sighting. */
    WINDOW_SCAN_MERGE_GAP_SECONDS: positiveInt(5),
    WINDOW_SCAN_POLL_MS: positiveInt(2_000),
    WINDOW_SCAN_RECOGNITION_TIMEOUT_MS: positiveInt(30_000),
    /** Longest wait between tries while plate-recognition is unavailable (it doubles up to this). */
    WINDOW_SCAN_RETRY_MAX_MS: positiveInt(30_000),
  },
  (env) => ({
    observability: observabilityConfig(env),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    auth: authConfig(env),
    database: { url: env.DATABASE_URL },
    messaging: messagingConfig(env, 'video-archive'),
    objectStorage: objectStorageConfig(env),
    cameras: {
      file: env.VIDEO_CAMERAS_FILE,
      ...(env.CAMERA_INGEST_URL ? { ingestUrl: env.CAMERA_INGEST_URL } : {}),
      followStatus: env.VIDEO_FOLLOW_CAMERA_STATUS,
    },
    recorder: {
      spoolDir: resolve(env.VIDEO_SPOOL_DIR ?? DEFAULT_SPOOL_DIR),
      bucket: env.VIDEO_BUCKET,
      segmentSeconds: env.VIDEO_SEGMENT_SECONDS,
      maxSpoolBytes: env.VIDEO_MAX_SPOOL_BYTES,
      pollMs: env.VIDEO_POLL_MS,
      retryMs: env.VIDEO_RETRY_MS,
      restartInitialMs: env.VIDEO_RESTART_INITIAL_MS,
      restartMaxMs: env.VIDEO_RESTART_MAX_MS,
      ffmpegPath: env.FFMPEG_PATH,
      ffprobePath: env.FFPROBE_PATH,
    },
    retention: {
      videoDays: env.VIDEO_RETENTION_DAYS,
      objectLock: env.VIDEO_OBJECT_LOCK,
    },
    outages: {
      minGapSeconds: env.VIDEO_OUTAGE_MIN_GAP_SECONDS,
      scanMs: env.VIDEO_OUTAGE_SCAN_MS,
      lookbackHours: env.VIDEO_OUTAGE_LOOKBACK_HOURS,
      maxFilingHours: env.VIDEO_MAX_FILING_HOURS,
    },
    outbox: { pollIntervalMs: env.VIDEO_OUTBOX_POLL_MS },
    windowScans: {
      ...(env.PLATE_RECOGNITION_URL ? { recognitionUrl: env.PLATE_RECOGNITION_URL } : {}),
      fps: env.WINDOW_SCAN_FPS,
      maxWindowMinutes: env.WINDOW_SCAN_MAX_MINUTES,
      concurrency: env.WINDOW_SCAN_CONCURRENCY,
      mergeGapSeconds: env.WINDOW_SCAN_MERGE_GAP_SECONDS,
      pollMs: env.WINDOW_SCAN_POLL_MS,
      recognitionTimeoutMs: env.WINDOW_SCAN_RECOGNITION_TIMEOUT_MS,
      retryMaxMs: env.WINDOW_SCAN_RETRY_MAX_MS,
    },
  }),
);

export type VideoArchiveConfig = ReturnType<typeof videoArchiveConfig.load>;
