import { type ServiceName } from '@ecogate/auth';
import { CONSOLE_DIST } from './console-build';

/** The services one machine runs, in start order: each starts once those it calls are ready. */
export const SERVICES = [
  'gateway',
  'ledger',
  'barrier-control',
  'plate-recognition',
  'camera-ingest',
  'video-archive',
  'provincial-upload',
] as const;
export type Service = (typeof SERVICES)[number];

/** Each service's own database in the machine's PostgreSQL; the event log has one of its own. */
export const DATABASES: Readonly<Partial<Record<Service, string>>> = {
  gateway: 'ecogate_gateway',
  ledger: 'ecogate_ledger',
  'barrier-control': 'ecogate_barrier',
  'camera-ingest': 'ecogate_ingest',
  'video-archive': 'ecogate_video',
  'provincial-upload': 'ecogate_upload',
};
export const EVENT_LOG_DATABASE = 'ecogate_events';

/** Loopback ports of the machine: the gateway's is public, the others only for the services. */
export interface Ports {
  readonly gateway: number;
  readonly cameraPush: number;
  readonly internal: Readonly<Record<Service | 'gateway-internal' | 'camera-ingest-api', number>>;
  readonly metrics: Readonly<Record<Service, number>>;
}

/** The platform the records are pushed to: the province's, or the local simulator. */
export interface PlatformTarget {
  readonly url: string;
  readonly appId: string;
  readonly secret: string;
  /** `UPLOAD_ENTERPRISE_CODES`: our enterprise id → its HJ 608 code. */
  readonly enterpriseCodes: string;
}

/** The stage lookup's source (docs/stage-lookup.md): the city's, or the local simulator. */
export interface StageLookupTarget {
  readonly url: string;
  /** JSON `{"token"}` or `{"apiKey","apiSecret"}` (a secret file). */
  readonly credentialsFile: string;
}

export interface MachineSettings {
  readonly home: string;
  readonly ports: Ports;
  /** `postgres://…/<database>` of the machine's PostgreSQL (a secret). */
  readonly databaseUrl: (database: string) => string;
  readonly secrets: {
    readonly gatewaySigningKeyFile: string;
    /** The ledger's hash-chain key: daily roots and evidence packs are signed with it. */
    readonly ledgerChainKeyFile: string;
    readonly serviceKeysFile: string;
    readonly serviceKeyFile: (service: ServiceName) => string;
    readonly signedLinkSecret: string;
    readonly deviceCredentialsKey: string;
  };
  readonly files: { readonly gates: string; readonly cameras: string };
  readonly platform: PlatformTarget;
  readonly stageLookup: StageLookupTarget;
  readonly logLevel: string;
  /** ffmpeg and ffprobe run here: the video archive can scan an inspection's windows for plates. */
  readonly videoTools: boolean;
}

const url = (port: number): string => `http://127.0.0.1:${port}`;

/**
 * Each service's environment in the embedded profile (ADR 0008): no Kafka, PostgreSQL or S3
 * endpoint, so the same configuration code picks the event log, the embedded database and the
 * filesystem store. Everything else is what a cluster sets, with loopback addresses.
 */
export function serviceEnv(service: Service, machine: MachineSettings): Record<string, string> {
  const { ports, secrets } = machine;
  const database = DATABASES[service];
  const common: Record<string, string> = {
    LOG_LEVEL: machine.logLevel,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(ports.internal[service]),
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(ports.metrics[service]),
    MESSAGING: 'embedded',
    EVENT_LOG_DATABASE_URL: machine.databaseUrl(EVENT_LOG_DATABASE),
    OBJECT_STORAGE: 'filesystem',
    ECOGATE_HOME: machine.home,
    SIGNED_LINK_SECRET: secrets.signedLinkSecret,
    SIGNED_LINK_BASE_URL: `${url(ports.gateway)}/objects`,
    AUTH_JWKS_URL: `${url(ports.internal['gateway-internal'])}/.well-known/jwks.json`,
    AUTH_SERVICE_KEYS_FILE: secrets.serviceKeysFile,
    ...(database ? { DATABASE_URL: machine.databaseUrl(database) } : {}),
  };
  const signing = (name: ServiceName) => ({ SERVICE_SIGNING_KEY_FILE: secrets.serviceKeyFile(name) });
  switch (service) {
    case 'gateway':
      return {
        ...common,
        HTTP_PORT: String(ports.gateway),
        INTERNAL_HTTP_HOST: '127.0.0.1',
        INTERNAL_HTTP_PORT: String(ports.internal['gateway-internal']),
        GATEWAY_SIGNING_KEY_FILE: secrets.gatewaySigningKeyFile,
        // Plain http on loopback: a Secure cookie would never come back.
        GATEWAY_SECURE_COOKIES: 'false',
        GATEWAY_UPSTREAM_LEDGER_URL: url(ports.internal.ledger),
        GATEWAY_UPSTREAM_BARRIER_CONTROL_URL: url(ports.internal['barrier-control']),
        GATEWAY_UPSTREAM_CAMERA_INGEST_URL: url(ports.internal['camera-ingest-api']),
        GATEWAY_UPSTREAM_VIDEO_ARCHIVE_URL: url(ports.internal['video-archive']),
        GATEWAY_UPSTREAM_PROVINCIAL_UPLOAD_URL: url(ports.internal['provincial-upload']),
        CONSOLE_DIR: CONSOLE_DIST,
      };
    case 'ledger':
      return {
        ...common,
        ...signing('ledger'),
        VIDEO_ARCHIVE_URL: url(ports.internal['video-archive']),
        // Vehicle documents (随车清单 QR code, 行驶证 fields) read in the background.
        PLATE_RECOGNITION_URL: url(ports.internal['plate-recognition']),
        LEDGER_CHAIN_SIGNING_KEY_FILE: secrets.ledgerChainKeyFile,
        LEDGER_STAGE_LOOKUP_URL: machine.stageLookup.url,
        LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE: machine.stageLookup.credentialsFile,
      };
    case 'barrier-control':
      return {
        ...common,
        ...signing('barrier-control'),
        BARRIER_GATES_FILE: machine.files.gates,
        LEDGER_URL: url(ports.internal.ledger),
      };
    case 'plate-recognition':
      // One reader process is enough for a few gates, and keeps the machine's memory low.
      return {
        ...common,
        ...signing('plate-recognition'),
        LPR_WORKERS: '1',
        // Lane snapshots are read with their site's known plates (registry, recent trusted passages).
        LEDGER_URL: url(ports.internal.ledger),
      };
    case 'camera-ingest':
      return {
        ...common,
        ...signing('camera-ingest'),
        // Cameras push here; the registry and media API listen on the internal port.
        HTTP_PORT: String(ports.cameraPush),
        API_HTTP_HOST: '127.0.0.1',
        API_HTTP_PORT: String(ports.internal['camera-ingest-api']),
        DEVICE_CREDENTIALS_KEY: secrets.deviceCredentialsKey,
        BARRIER_CONTROL_URL: url(ports.internal['barrier-control']),
      };
    case 'video-archive':
      return {
        ...common,
        ...signing('video-archive'),
        VIDEO_CAMERAS_FILE: machine.files.cameras,
        VIDEO_SPOOL_DIR: `${machine.home}/video-spool`,
        CAMERA_INGEST_URL: url(ports.internal['camera-ingest-api']),
        // Window scans: the frames of an inspection's video window, read for plates (with ffmpeg;
        // without it the archive answers that scans are off instead of refusing to start).
        ...(machine.videoTools ? { PLATE_RECOGNITION_URL: url(ports.internal['plate-recognition']) } : {}),
      };
    case 'provincial-upload':
      return {
        ...common,
        PLATFORM_URL: machine.platform.url,
        PLATFORM_APP_ID: machine.platform.appId,
        PLATFORM_SECRET: machine.platform.secret,
        UPLOAD_ENTERPRISE_CODES: machine.platform.enterpriseCodes,
      };
  }
}

/** Services with a `--migrate` job (their database's schema). */
export const MIGRATED: readonly Service[] = SERVICES.filter((s) => DATABASES[s] !== undefined);

export const entryOf = (service: Service): string => `apps/${service}/src/main.ts`;
