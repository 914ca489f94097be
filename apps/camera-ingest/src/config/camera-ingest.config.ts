import { authConfig, authEnv } from '@ecogate/auth';
import {
  bool,
  ConfigError,
  databaseEnv,
  defineConfig,
  type DeviceNetworks,
  deviceNetworksEnv,
  httpEnv,
  messagingConfig,
  messagingEnv,
  objectStorageConfig,
  objectStorageEnv,
  observabilityConfig,
  observabilityEnv,
  port,
  positiveInt,
  Secret,
  url,
} from '@ecogate/config';
import { z } from 'zod';
import { type DahuaStreamSettings } from '../dahua-stream/dahua-stream-settings';
import { source } from '../registry/registry.dto';

export const cameraIngestConfig = defineConfig(
  {
    ...databaseEnv,
    /** Kafka when `KAFKA_BROKERS` is set (or `MESSAGING=kafka`), else the embedded bus (`EVENT_LOG_DATABASE_URL`). */
    ...messagingEnv,
    /** MinIO when `S3_ENDPOINT` is set (or `OBJECT_STORAGE=minio`), else files under `$ECOGATE_HOME/objects`. */
    ...objectStorageEnv,
    ...observabilityEnv,
    /** The cameras' push listener (and health). */
    ...httpEnv,
    /** The registry and ONVIF media listener: operators and services, never the camera network. */
    API_HTTP_HOST: z.string().default('127.0.0.1'),
    API_HTTP_PORT: port(3001),
    ...authEnv,
    /** Where cameras may be reached (IPs/CIDRs); default loopback + RFC 1918. */
    ...deviceNetworksEnv,
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/)
      .default('ecogate-captures'),
    /** 32 random bytes, base64: encrypts device logins at rest. Lives in the secret store, never in the repo. */
    DEVICE_CREDENTIALS_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .transform((value) => new Secret(value)),
    PUSH_MAX_BODY_BYTES: positiveInt(4 * 1024 * 1024),
    PUSH_MAX_IMAGE_BYTES: positiveInt(1024 * 1024),
    PUSH_MAX_TEXT_BYTES: positiveInt(64 * 1024),
    /** How long a re-push waits for the same capture's attempt in flight before answering 503 + Retry-After. */
    PUSH_IN_FLIGHT_WAIT_MS: positiveInt(2_000),
    /** Reverse proxies (IPs/CIDRs, comma-separated) whose X-Forwarded-For is believed; empty = socket address. */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(source)),
    /** barrier-control's base URL: Vzenith replies ask it whether to open. Unset = never open. */
    BARRIER_CONTROL_URL: url(['http', 'https']).optional(),
    /** How long a push reply waits for barrier-control's answer before staying closed. */
    BARRIER_DECISION_TIMEOUT_MS: positiveInt(1_500),
    /** ONVIF supervision of cameras registered with vendor `onvif`: health, drift, triggered snapshots. */
    ONVIF_SUPERVISION_ENABLED: bool(true),
    ONVIF_POLL_INTERVAL_MS: positiveInt(10_000),
    /** Failed polls in a row before a camera is reported offline. */
    ONVIF_OFFLINE_AFTER_FAILED_POLLS: positiveInt(3),
    ONVIF_CLOCK_DRIFT_THRESHOLD_MS: positiveInt(5_000),
    ONVIF_REQUEST_TIMEOUT_MS: positiveInt(5_000),
    ONVIF_PULL_TIMEOUT_MS: positiveInt(10_000),
    ONVIF_DEVICE_REFRESH_MS: positiveInt(30_000),
    /** WS-Discovery sweeps of a site's networks on request (opt-in per site too). Off unless switched on. */
    ONVIF_DISCOVERY_ENABLED: bool(false),
    /** The cameras' WS-Discovery port; tests point it at a free one. */
    ONVIF_DISCOVERY_PORT: port(3702),
    /** How long a sweep waits for answers after its last probe, unless the request says. */
    ONVIF_DISCOVERY_TIMEOUT_MS: positiveInt(2_000).pipe(z.number().max(10_000)),
    /** Probes sent per second (~700 bytes each): keep links to the plants free. */
    ONVIF_DISCOVERY_PROBES_PER_SECOND: positiveInt(200).pipe(z.number().max(5_000)),
    /** Periodic snapshots of ONVIF loading-area cameras, read by server-side recognition. */
    LOADING_AREA_SNAPSHOTS_ENABLED: bool(true),
    /** One frame per loading-area camera per period (at least 5 s: each frame is a recognition). */
    LOADING_AREA_SNAPSHOT_PERIOD_MS: positiveInt(60_000).pipe(z.number().min(5_000)),
    LOADING_AREA_DEVICE_REFRESH_MS: positiveInt(30_000),
    /** Dahua ANPR cameras registered with event source `event-stream`: one attach kept open to each. */
    DAHUA_EVENT_STREAM_ENABLED: bool(true),
    /** Seconds between the camera's heartbeats (its `heartbeat` parameter); silence of 2.5 × this reconnects. */
    DAHUA_EVENT_STREAM_HEARTBEAT_S: z.coerce.number().int().min(1).max(300).default(10),
    DAHUA_EVENT_STREAM_CONNECT_TIMEOUT_MS: positiveInt(5_000),
    /** Reconnect delay: doubling from MIN to MAX, with jitter; a refused login waits MAX. */
    DAHUA_EVENT_STREAM_RECONNECT_MIN_MS: positiveInt(1_000),
    DAHUA_EVENT_STREAM_RECONNECT_MAX_MS: positiveInt(60_000),
    /** Failed attaches (or lost streams) in a row before the camera is reported offline. */
    DAHUA_EVENT_STREAM_OFFLINE_AFTER_FAILURES: positiveInt(3),
    /** How long an event with its scene waits for the plate picture before it is taken as it is. */
    DAHUA_EVENT_STREAM_EVENT_SETTLE_MS: positiveInt(1_000),
    DAHUA_EVENT_STREAM_DEVICE_REFRESH_MS: positiveInt(30_000),
    /** The periodic check of each camera's view against its reference view (issue #17). */
    VIEW_CHECK_ENABLED: bool(true),
    VIEW_CHECK_INTERVAL_MS: positiveInt(60_000),
    /** Cameras snapshotted and compared at the same time within a run. */
    VIEW_CHECK_CONCURRENCY: positiveInt(4).pipe(z.number().max(64)),
    /** Worker threads that run the image analysis of the view check and reference views (off the event loop). */
    VIEW_CHECK_WORKERS: positiveInt(1).pipe(z.number().max(16)),
    /** Checks in a row that must agree before a change (tampered, another kind, recovered) is published. */
    VIEW_CHECK_CONFIRM_CHECKS: positiveInt(2).pipe(z.number().max(20)),
    /** The same frame for this long is a frozen image. */
    VIEW_CHECK_FROZEN_AFTER_MS: positiveInt(5 * 60_000),
  },
  (env) => ({
    observability: observabilityConfig(env),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    api: { host: env.API_HTTP_HOST, port: env.API_HTTP_PORT },
    auth: authConfig(env),
    database: { url: env.DATABASE_URL },
    messaging: messagingConfig(env, 'camera-ingest'),
    /** Captured images and raw payloads, in the bucket `push.bucket` (object lock from creation). */
    objectStorage: objectStorageConfig(env),
    credentialsKey: env.DEVICE_CREDENTIALS_KEY,
    deviceNetworks: env.DEVICE_ALLOWED_NETWORKS,
    push: {
      bucket: env.S3_BUCKET,
      maxBodyBytes: env.PUSH_MAX_BODY_BYTES,
      maxImageBytes: env.PUSH_MAX_IMAGE_BYTES,
      maxTextBytes: env.PUSH_MAX_TEXT_BYTES,
      trustedProxies: env.TRUSTED_PROXIES,
      inFlightWaitMs: env.PUSH_IN_FLIGHT_WAIT_MS,
    },
    onvif: {
      enabled: env.ONVIF_SUPERVISION_ENABLED,
      pollIntervalMs: env.ONVIF_POLL_INTERVAL_MS,
      offlineAfterFailures: env.ONVIF_OFFLINE_AFTER_FAILED_POLLS,
      driftThresholdMs: env.ONVIF_CLOCK_DRIFT_THRESHOLD_MS,
      requestTimeoutMs: env.ONVIF_REQUEST_TIMEOUT_MS,
      pullTimeoutMs: env.ONVIF_PULL_TIMEOUT_MS,
      deviceRefreshMs: env.ONVIF_DEVICE_REFRESH_MS,
      networks: env.DEVICE_ALLOWED_NETWORKS,
    },
    discovery: {
      enabled: env.ONVIF_DISCOVERY_ENABLED,
      port: env.ONVIF_DISCOVERY_PORT,
      timeoutMs: env.ONVIF_DISCOVERY_TIMEOUT_MS,
      probesPerSecond: env.ONVIF_DISCOVERY_PROBES_PER_SECOND,
      networks: env.DEVICE_ALLOWED_NETWORKS,
    },
    loadingArea: {
      enabled: env.LOADING_AREA_SNAPSHOTS_ENABLED,
      snapshotPeriodMs: env.LOADING_AREA_SNAPSHOT_PERIOD_MS,
      requestTimeoutMs: env.ONVIF_REQUEST_TIMEOUT_MS,
      deviceRefreshMs: env.LOADING_AREA_DEVICE_REFRESH_MS,
      networks: env.DEVICE_ALLOWED_NETWORKS,
    },
    dahuaStream: dahuaStreamConfig(env),
    viewCheck: {
      enabled: env.VIEW_CHECK_ENABLED,
      intervalMs: env.VIEW_CHECK_INTERVAL_MS,
      concurrency: env.VIEW_CHECK_CONCURRENCY,
      workers: env.VIEW_CHECK_WORKERS,
      confirmChecks: env.VIEW_CHECK_CONFIRM_CHECKS,
      frozenAfterMs: env.VIEW_CHECK_FROZEN_AFTER_MS,
    },
    barrierControl: env.BARRIER_CONTROL_URL
      ? { url: env.BARRIER_CONTROL_URL, timeoutMs: env.BARRIER_DECISION_TIMEOUT_MS }
      : undefined,
  }),
);

function dahuaStreamConfig(env: {
  DAHUA_EVENT_STREAM_ENABLED: boolean;
  DAHUA_EVENT_STREAM_HEARTBEAT_S: number;
  DAHUA_EVENT_STREAM_CONNECT_TIMEOUT_MS: number;
  DAHUA_EVENT_STREAM_RECONNECT_MIN_MS: number;
  DAHUA_EVENT_STREAM_RECONNECT_MAX_MS: number;
  DAHUA_EVENT_STREAM_OFFLINE_AFTER_FAILURES: number;
  DAHUA_EVENT_STREAM_EVENT_SETTLE_MS: number;
  DAHUA_EVENT_STREAM_DEVICE_REFRESH_MS: number;
  DEVICE_ALLOWED_NETWORKS: DeviceNetworks;
}): DahuaStreamSettings {
  if (env.DAHUA_EVENT_STREAM_RECONNECT_MAX_MS < env.DAHUA_EVENT_STREAM_RECONNECT_MIN_MS) {
    throw new ConfigError([
      {
        variable: 'DAHUA_EVENT_STREAM_RECONNECT_MAX_MS',
        reason: 'must not be below DAHUA_EVENT_STREAM_RECONNECT_MIN_MS',
      },
    ]);
  }
  return {
    enabled: env.DAHUA_EVENT_STREAM_ENABLED,
    heartbeatSeconds: env.DAHUA_EVENT_STREAM_HEARTBEAT_S,
    connectTimeoutMs: env.DAHUA_EVENT_STREAM_CONNECT_TIMEOUT_MS,
    reconnectMinMs: env.DAHUA_EVENT_STREAM_RECONNECT_MIN_MS,
    reconnectMaxMs: env.DAHUA_EVENT_STREAM_RECONNECT_MAX_MS,
    offlineAfterFailures: env.DAHUA_EVENT_STREAM_OFFLINE_AFTER_FAILURES,
    eventSettleMs: env.DAHUA_EVENT_STREAM_EVENT_SETTLE_MS,
    deviceRefreshMs: env.DAHUA_EVENT_STREAM_DEVICE_REFRESH_MS,
    networks: env.DEVICE_ALLOWED_NETWORKS,
  };
}

export type CameraIngestConfig = ReturnType<typeof cameraIngestConfig.load>;
