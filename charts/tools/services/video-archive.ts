import { configSection, resources, workloadParams } from '../common-values';
import { bool, extra, int, param, str } from '../values-spec';
import { bucket, flag, positive } from './env-schemas';
import { serviceChart } from './service-chart';

export const videoArchive = serviceChart(
  {
    service: 'video-archive',
    database: { name: 'ecogate_video' },
    kafka: true,
    objectStorage: true,
    probes: {
      startupFailures: 24,
      // /health answers 503 while a spool is above its bound (object store away): an alert, not a
      // reason to restart the recorders, so liveness only checks that the port answers.
      liveness: { path: '', failureThreshold: 6 },
    },
    // ffmpeg closes its segment and the uploader flushes the spool on SIGTERM.
    terminationGraceSeconds: 60,
    tmpSizeLimit: '1Gi',
  },
  'continuous recording into object storage, passage clips, playback, window scans for plates (a StatefulSet of recorder shards).',
  [
    {
      // Each shard records the cameras of its own list; two pods of one shard would record twice,
      // hence a StatefulSet (at most one pod per shard) rather than a Deployment.
      title: 'Workload: recorder shards (one pod each)',
      params: [
        param(
          'shards',
          'Recorder shards (StatefulSet replicas); shard N records the cameras of `shard-N.json` in `cameras.existingSecret`',
          1,
          int({ minimum: 1 }),
        ),
        ...workloadParams(
          '',
          'each shard',
          {
            replicas: 1,
            resources: resources('500m', '512Mi', '2', '1Gi'),
            pdb: { enabled: true, minAvailable: '', maxUnavailable: 1 },
          },
          true,
        ),
      ],
    },
  ],
  [
    {
      title: 'Cameras and spool',
      params: [
        param(
          'cameras.existingSecret',
          'Secret with one cameras file per shard, `shard-0.json`, `shard-1.json`, ... (VIDEO_CAMERAS_FILE; RTSP URLs may carry logins)',
          'ecogate-video-cameras',
          str({ minLength: 1 }),
        ),
        param(
          'cameras.lanesFile',
          'The same Secret also holds `camera-lanes.json`, which cameras film which lanes (VIDEO_CAMERA_LANES_FILE): without it no passage clips are cut (playback still works)',
          false,
          bool,
        ),
        param(
          'spool.persistent',
          'Spool on a PersistentVolumeClaim per shard (kept across restarts: video of an object-store outage survives); false: an emptyDir',
          true,
          bool,
        ),
        param(
          'spool.size',
          'Size of the spool volume; keep VIDEO_MAX_SPOOL_BYTES below it',
          '25Gi',
          str({ pattern: '^[0-9]+[KMGT]i$' }),
        ),
        param('spool.storageClass', 'StorageClass of the spool claims; empty: the default', '', str()),
      ],
    },
    configSection(
      [],
      [
        extra('config.VIDEO_BUCKET', 'VIDEO_BUCKET (object lock; default ecogate-video)', bucket),
        extra('config.VIDEO_SEGMENT_SECONDS', 'VIDEO_SEGMENT_SECONDS (default 60)', positive),
        extra('config.VIDEO_MAX_SPOOL_BYTES', 'VIDEO_MAX_SPOOL_BYTES (default 20 GiB)', positive),
        extra('config.VIDEO_POLL_MS', 'VIDEO_POLL_MS (default 2000)', positive),
        extra('config.VIDEO_RETRY_MS', 'VIDEO_RETRY_MS (default 10000)', positive),
        extra('config.VIDEO_RESTART_INITIAL_MS', 'VIDEO_RESTART_INITIAL_MS (default 1000)', positive),
        extra('config.VIDEO_RESTART_MAX_MS', 'VIDEO_RESTART_MAX_MS (default 60000)', positive),
        extra(
          'config.VIDEO_OBJECT_LOCK',
          'VIDEO_OBJECT_LOCK: off, governance (default) or compliance',
          str({ enum: ['off', 'governance', 'compliance'] }),
        ),
        extra('config.VIDEO_OUTAGE_MIN_GAP_SECONDS', 'VIDEO_OUTAGE_MIN_GAP_SECONDS (default 10)', positive),
        extra('config.VIDEO_OUTAGE_SCAN_MS', 'VIDEO_OUTAGE_SCAN_MS (default 30000)', positive),
        extra('config.VIDEO_OUTAGE_LOOKBACK_HOURS', 'VIDEO_OUTAGE_LOOKBACK_HOURS (default 48)', positive),
        extra('config.VIDEO_MAX_FILING_HOURS', 'VIDEO_MAX_FILING_HOURS (default 72)', positive),
        extra('config.VIDEO_OUTBOX_POLL_MS', 'VIDEO_OUTBOX_POLL_MS (default 500)', positive),
        extra('config.VIDEO_FOLLOW_CAMERA_STATUS', 'VIDEO_FOLLOW_CAMERA_STATUS (default true)', flag),
        extra(
          'config.WINDOW_SCAN_FPS',
          'WINDOW_SCAN_FPS: frames read per second of a scanned window (default 1)',
          { type: 'number', minimum: 0.1, maximum: 10 },
        ),
        extra('config.WINDOW_SCAN_MAX_MINUTES', 'WINDOW_SCAN_MAX_MINUTES (default 30)', positive),
        extra(
          'config.WINDOW_SCAN_CONCURRENCY',
          'WINDOW_SCAN_CONCURRENCY: frames in flight to plate-recognition (default 2)',
          positive,
        ),
        extra('config.WINDOW_SCAN_MERGE_GAP_SECONDS', 'WINDOW_SCAN_MERGE_GAP_SECONDS (default 5)', positive),
        extra('config.WINDOW_SCAN_POLL_MS', 'WINDOW_SCAN_POLL_MS (default 2000)', positive),
        extra(
          'config.WINDOW_SCAN_RECOGNITION_TIMEOUT_MS',
          'WINDOW_SCAN_RECOGNITION_TIMEOUT_MS (default 30000)',
          positive,
        ),
        extra('config.WINDOW_SCAN_RETRY_MAX_MS', 'WINDOW_SCAN_RETRY_MAX_MS (default 30000)', positive),
        extra(
          'config.VIDEO_CLIP_BEFORE_SECONDS',
          "VIDEO_CLIP_BEFORE_SECONDS: a passage clip's start before the capture (default 15)",
          positive,
        ),
        extra(
          'config.VIDEO_CLIP_AFTER_SECONDS',
          "VIDEO_CLIP_AFTER_SECONDS: a passage clip's end after the capture (default 15)",
          positive,
        ),
        extra(
          'config.VIDEO_CLIP_MAX_WAIT_SECONDS',
          'VIDEO_CLIP_MAX_WAIT_SECONDS: how long after its window a clip waits for segments (default 300)',
          positive,
        ),
        extra('config.VIDEO_CLIP_POLL_MS', 'VIDEO_CLIP_POLL_MS (default 1000)', positive),
        extra('config.VIDEO_CLIP_MAX_ATTEMPTS', 'VIDEO_CLIP_MAX_ATTEMPTS (default 5)', positive),
        extra(
          'config.VIDEO_PLAYBACK_URL_TTL_SECONDS',
          'VIDEO_PLAYBACK_URL_TTL_SECONDS: life of the presigned URLs of clips and playlists (default 300)',
          int({ minimum: 10, maximum: 3_600 }),
        ),
        extra(
          'config.VIDEO_PLAYBACK_MAX_WINDOW_HOURS',
          'VIDEO_PLAYBACK_MAX_WINDOW_HOURS (default 24, at most 72)',
          int({ minimum: 1, maximum: 72 }),
        ),
      ],
    ),
  ],
);
