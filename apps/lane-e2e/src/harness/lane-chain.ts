import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, type ServiceName as SigningService, TestIssuer } from '@ecogate/auth';
import { CameraSimulator } from '@ecogate/camera-simulator';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { type MessagingSettings } from '@ecogate/messaging';
import { createObjectStorage, type ObjectStorage, type ObjectStorageSettings } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type InfraEnv, kafkaClientOptions, kafkaServiceEnv } from '@ecogate/testing';
import { EventTap } from './event-tap';
import { freePort } from './free-port';
import { type EnterpriseSpec, gatesFile, SITE_ID } from './lane-topology';
import { ServiceProcess } from './service-process';

/** camera-ingest's secret header (apps/camera-ingest/src/push/push.controller.ts; apps never import apps). */
const SECRET_HEADER = 'x-ecogate-device-secret';
/** Object-locked at creation, so one bucket for every run; keys are per (random) enterprise. */
const BUCKET = 'ecogate-lane-e2e';
/** The services that call another service with their own token (ADR 0009). */
const CALLERS: readonly SigningService[] = ['camera-ingest', 'barrier-control', 'ledger', 'video-archive'];

/**
 * How the chain's services are deployed (ADR 0008), chosen only by their environment:
 * - `cluster`: Kafka (`KAFKA_BROKERS`, SASL over TLS) and MinIO (`S3_*`);
 * - `embedded`: no `KAFKA_*` or `S3_*` at all — the event bus is a Postgres log
 *   (`MESSAGING=embedded`, `EVENT_LOG_DATABASE_URL`: one temporary database shared by every service
 *   of the chain) and objects are files (`OBJECT_STORAGE=filesystem` under `ECOGATE_HOME`, a folder
 *   of the chain's work directory, with a random `SIGNED_LINK_SECRET`).
 */
export type LaneProfile = 'cluster' | 'embedded';
export const LANE_PROFILES: readonly LaneProfile[] = ['cluster', 'embedded'];

export interface LaneChainOptions {
  readonly infra: InfraEnv;
  /** Default `cluster`. */
  readonly profile?: LaneProfile;
  /**
   * Cluster profile: the broker the whole chain uses (default the shared one, or a scratch broker a
   * test may restart).
   */
  readonly brokers?: string;
  /**
   * Embedded profile: how the services reach the event log's database, given its URL (e.g. through a
   * `CuttableProxy` a test cuts). The chain's own tap reads it directly.
   */
  readonly eventLogAddress?: (url: string) => string;
  readonly enterprises: readonly EnterpriseSpec[];
  /** Also start plate-recognition (server-side reads of every snapshot; the ledger reads vehicle documents with it). */
  readonly plateRecognition?: boolean;
  /** barrier-control's BARRIER_OPEN_CYCLE_SECONDS (a lane's next vehicle is tailgating before it ends). */
  readonly openCycleSeconds?: number;
  /** More barrier-control settings (e.g. BARRIER_FUSION_WAIT_MS). */
  readonly barrierEnv?: Readonly<Record<string, string>>;
  /** More camera-ingest settings (e.g. ONVIF poll intervals). */
  readonly ingestEnv?: Readonly<Record<string, string>>;
  /** Cameras push to `/push/<vendor>/<device>/<secret>` (cameras that only take a URL), not the header. */
  readonly pushSecretInPath?: boolean;
  /** Also start video-archive recording these cameras (cluster profile); the ledger reads its video. */
  readonly videoArchive?: {
    readonly cameras: readonly ArchivedCamera[];
    readonly env?: Readonly<Record<string, string>>;
  };
  /** More ledger settings (e.g. the chain's signing key). */
  readonly ledgerEnv?: Readonly<Record<string, string>>;
  readonly logger: Logger;
}

/** A camera the video archive records (at the chain's site). */
export interface ArchivedCamera {
  readonly enterpriseId: string;
  readonly cameraId: string;
  /** Its RTSP stream, e.g. an `RtspTestServer`'s. */
  readonly sourceUrl: string;
}

type ServiceName = 'camera-ingest' | 'ledger' | 'barrier-control' | 'plate-recognition' | 'video-archive';
/** camera-ingest serves cameras and operators on two listeners. */
type UrlName = ServiceName | 'camera-ingest-api';

export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The lane end to end: camera simulators (one per lane, also serving the lane's ISAPI barrier) →
 * camera-ingest → [plate-recognition] → barrier-control → ledger, each service a real process
 * started through its production entry point, on temporary databases and a random topic prefix.
 */
export class LaneChain {
  readonly services = new Map<ServiceName, ServiceProcess>();
  /** Every process the chain ran (migrations included), for what they logged. */
  readonly processes: ServiceProcess[] = [];
  /** Every secret the chain configured or was issued (push secrets, keys, passwords). */
  readonly secrets = new Set<string>();
  readonly urls = new Map<UrlName, string>();
  readonly profile: LaneProfile;
  /** Signs people's tokens as the gateway would, and holds the services' own keys. */
  issuer?: TestIssuer;
  private readonly cameras = new Map<string, CameraSimulator>();
  private readonly databases: TemporaryDatabase[] = [];
  private ledgerDb?: DataSource;
  private eventTap?: EventTap;
  /** Embedded profile: the event log's database (direct URL) and the objects' home. */
  private eventLog?: TemporaryDatabase;
  private readonly signedLinkSecret = randomBytes(32).toString('base64url');
  private workDir = '';
  private stopped = false;
  /** The cluster profile's Kafka topic prefix (the embedded log is a database of the chain's own). */
  readonly topicPrefix = `e2e-${randomUUID().slice(0, 8)}.`;

  private constructor(private readonly options: LaneChainOptions) {
    this.profile = options.profile ?? 'cluster';
  }

  /** Every event of the chain's tapped topics, read on the chain's own transport. */
  get tap(): EventTap {
    if (!this.eventTap) throw new Error('chain not started');
    return this.eventTap;
  }

  /** The chain's object store as the services see it (MinIO, or the files under ECOGATE_HOME). */
  objectStorage(): ObjectStorage {
    return createObjectStorage(this.objectStorageSettings());
  }

  static async start(options: LaneChainOptions): Promise<LaneChain> {
    const chain = new LaneChain(options);
    try {
      await chain.boot();
    } catch (error) {
      await chain.stop();
      throw error;
    }
    return chain;
  }

  camera(enterpriseId: string, laneId: string): CameraSimulator {
    const camera = this.cameras.get(`${enterpriseId}/${laneId}`);
    if (!camera) throw new Error(`no camera at ${enterpriseId}/${laneId}`);
    return camera;
  }

  service(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service;
  }

  /**
   * The ledger's REST API (`/api/v1/enterprises/<enterpriseId>/<path>`), as a person of `role`
   * in that enterprise (city roles: city-wide).
   */
  async ledger(
    enterpriseId: string,
    path: string,
    init: RequestInit = {},
    role: Principal['role'] = 'enterprise-admin',
  ): Promise<ApiReply> {
    const response = await fetch(`${this.urls.get('ledger')}/api/v1/enterprises/${enterpriseId}/${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        authorization: await this.bearer(role, enterpriseId),
      },
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** `Authorization` for a person of `role` in `enterpriseId` (city roles: every enterprise). */
  async bearer(role: Principal['role'], enterpriseId: string): Promise<string> {
    if (!this.issuer) throw new Error('chain not started');
    return this.issuer.bearer({
      role,
      subject: `lane-e2e-${role}`,
      enterprises: role.startsWith('city') ? '*' : [enterpriseId],
    });
  }

  /** camera-ingest's operator API (registry, media): its own listener, not the cameras' push port. */
  get ingestApiUrl(): string {
    const url = this.urls.get('camera-ingest-api');
    if (!url) throw new Error('camera-ingest is not running');
    return url;
  }

  /** Read-only SQL on the ledger's database (parameterised), for what its API does not show. */
  ledgerQuery<T>(sql: string, parameters: readonly unknown[]): Promise<T[]> {
    if (!this.ledgerDb) throw new Error('ledger database not open');
    return this.ledgerDb.query(sql, [...parameters]) as Promise<T[]>;
  }

  /**
   * A change to the ledger's rows as a database superuser would make it: what no API allows (an
   * alert in the past, an edited passage), for tests of what the service makes of it.
   */
  async ledgerSql(sql: string, parameters: readonly unknown[]): Promise<void> {
    await this.ledgerQuery(sql, parameters);
  }

  /** Idempotent: a test may stop the chain itself (to read shutdown logs) before its afterAll does. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.eventTap?.stop().catch(() => undefined);
    await Promise.all([...this.services.values()].map((s) => s.stop()));
    await Promise.all([...this.cameras.values()].map((c) => c.stop()));
    await this.ledgerDb?.destroy().catch(() => undefined);
    for (const database of this.databases) await database.drop().catch(() => undefined);
    if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
    await this.issuer?.close();
  }

  private async boot(): Promise<void> {
    const { infra } = this.options;
    this.workDir = await mkdtemp(join(tmpdir(), 'lane-e2e-'));
    this.issuer = await TestIssuer.start(CALLERS);
    await this.writeServiceKeys(this.issuer);
    if (this.profile === 'embedded') {
      this.eventLog = await createTemporaryDatabase(infra.DATABASE_URL, 'lane_e2e_events');
      this.databases.push(this.eventLog);
    }
    this.eventTap = new EventTap({ settings: this.messagingSettings(), logger: this.options.logger });
    const [ingestDb, ledgerDb] = await Promise.all([
      createTemporaryDatabase(infra.DATABASE_URL, 'lane_e2e_ingest'),
      createTemporaryDatabase(infra.DATABASE_URL, 'lane_e2e_ledger'),
    ]);
    this.databases.push(ingestDb, ledgerDb);
    const ingestApiPort = await freePort();
    const ingestEnv = {
      ...(await this.commonEnv('camera-ingest')),
      API_HTTP_HOST: '127.0.0.1',
      API_HTTP_PORT: String(ingestApiPort),
      DATABASE_URL: ingestDb.url,
      // The bucket's name on either store (MinIO, or a folder of the filesystem store).
      S3_BUCKET: BUCKET,
      DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      ...this.options.ingestEnv,
    };
    const videoEnv = this.options.videoArchive
      ? await this.videoArchiveEnv(this.options.videoArchive)
      : undefined;
    // Its HTTP port chosen now, for the ledger (which reads vehicle documents through it).
    const recognition = this.options.plateRecognition ? await this.commonEnv() : undefined;
    const ledgerEnv = {
      ...(await this.commonEnv(videoEnv || recognition ? 'ledger' : undefined)),
      DATABASE_URL: ledgerDb.url,
      LEDGER_OUTBOX_POLL_MS: '50',
      LEDGER_DOCUMENTS_BUCKET: `${BUCKET}-docs`,
      ...(videoEnv ? { VIDEO_ARCHIVE_URL: `http://127.0.0.1:${videoEnv['HTTP_PORT']}` } : {}),
      ...(recognition ? { PLATE_RECOGNITION_URL: `http://127.0.0.1:${recognition['HTTP_PORT']}` } : {}),
      ...this.options.ledgerEnv,
    };
    // The deploy step of each service, then the services (those with no dependency side by side).
    this.secrets.add(ingestEnv.DEVICE_CREDENTIALS_KEY);
    for (const url of [infra.DATABASE_URL, ingestDb.url, ledgerDb.url])
      this.secrets.add(decodeURIComponent(new URL(url).password));
    this.processes.push(
      ...(await Promise.all([
        ServiceProcess.run({ app: 'camera-ingest', env: ingestEnv, args: ['--migrate'] }),
        ServiceProcess.run({ app: 'ledger', env: ledgerEnv, args: ['--migrate'] }),
        ...(videoEnv
          ? [ServiceProcess.run({ app: 'video-archive', env: videoEnv, args: ['--migrate'] })]
          : []),
      ])),
    );
    // Services that declare the same topics start one after the other: two concurrent
    // `ensureTopics` of one new topic can fail with UNKNOWN_TOPIC_OR_PARTITION (see docs/lane-e2e.md).
    this.urls.set('camera-ingest-api', `http://127.0.0.1:${ingestApiPort}`);
    await Promise.all([
      this.launch('camera-ingest', ingestEnv)
        .then(() => recognition && this.launch('plate-recognition', recognition))
        .then(() => videoEnv && this.launch('video-archive', this.withRecognition(videoEnv))),
      this.launch('ledger', ledgerEnv),
    ]);
    this.ledgerDb = createDataSource({ url: ledgerDb.url, entities: [], migrations: [], name: 'lane-e2e' });
    await this.ledgerDb.initialize();

    for (const enterprise of this.options.enterprises) {
      await this.registerLanes(enterprise);
      await this.registerVehicles(enterprise);
    }
    const gatesPath = join(this.workDir, 'gates.json');
    const barrierUrls = new Map<string, string>();
    await Promise.all(
      [...this.cameras.entries()].map(async ([key, camera]) => barrierUrls.set(key, await camera.start())),
    );
    await writeFile(
      gatesPath,
      JSON.stringify(gatesFile(this.options.enterprises, (e, l) => barrierUrls.get(`${e}/${l}`) ?? '')),
    );
    // barrier-control keeps its lane state in a database of its own (migrated like the others).
    const barrierDb = await createTemporaryDatabase(infra.DATABASE_URL, 'lane_e2e_barrier');
    this.databases.push(barrierDb);
    this.secrets.add(decodeURIComponent(new URL(barrierDb.url).password));
    const barrierEnv = {
      ...(await this.commonEnv('barrier-control')),
      DATABASE_URL: barrierDb.url,
      BARRIER_GATES_FILE: gatesPath,
      BARRIER_OPEN_CYCLE_SECONDS: String(this.options.openCycleSeconds ?? 15),
      BARRIER_ISAPI_TIMEOUT_MS: '2000',
      // Vehicles, alert level and plan come from the ledger's API (also written to the gates file).
      LEDGER_URL: this.urls.get('ledger') ?? '',
      ...this.options.barrierEnv,
    };
    this.processes.push(
      await ServiceProcess.run({ app: 'barrier-control', env: barrierEnv, args: ['--migrate'] }),
    );
    await this.launch('barrier-control', barrierEnv);
    // Last, once every topic exists; it reads from the beginning, so it misses nothing.
    await this.tap.start();
  }

  /** video-archive's database, cameras file and settings (its HTTP port chosen now, for the ledger). */
  private async videoArchiveEnv(
    video: NonNullable<LaneChainOptions['videoArchive']>,
  ): Promise<Record<string, string>> {
    const database = await createTemporaryDatabase(this.options.infra.DATABASE_URL, 'lane_e2e_video');
    this.databases.push(database);
    this.secrets.add(decodeURIComponent(new URL(database.url).password));
    const camerasFile = join(this.workDir, 'cameras.json');
    await writeFile(
      camerasFile,
      JSON.stringify({
        cameras: video.cameras.map((c) => ({ ...c, siteId: SITE_ID, recording: true })),
      }),
    );
    return {
      ...(await this.commonEnv('video-archive')),
      DATABASE_URL: database.url,
      // Object-locked at creation like the chain's bucket: one for every run, keys per enterprise.
      VIDEO_BUCKET: `${BUCKET}-video`,
      VIDEO_CAMERAS_FILE: camerasFile,
      VIDEO_SPOOL_DIR: join(this.workDir, 'video-spool'),
      VIDEO_FOLLOW_CAMERA_STATUS: 'false',
      ...video.env,
    };
  }

  /** video-archive reads plates from its video through plate-recognition, when the chain runs it. */
  private withRecognition(env: Record<string, string>): Record<string, string> {
    const recognition = this.urls.get('plate-recognition');
    return recognition ? { ...env, PLATE_RECOGNITION_URL: recognition } : env;
  }

  private async launch(name: ServiceName, env: Record<string, string>): Promise<void> {
    const service = ServiceProcess.start({ app: name, env });
    this.services.set(name, service);
    this.processes.push(service);
    this.urls.set(name, await service.ready());
  }

  /** The services' public keys (what callees trust) and each caller's private key, as files. */
  private async writeServiceKeys(issuer: TestIssuer): Promise<void> {
    await writeFile(join(this.workDir, 'service-keys.json'), JSON.stringify(issuer.serviceKeys));
    for (const name of CALLERS) await writeFile(join(this.workDir, `${name}.pem`), issuer.servicePem(name));
  }

  /** `signingAs`: the service signs its calls to other services with its own key. */
  private async commonEnv(signingAs?: SigningService): Promise<Record<string, string>> {
    return {
      ...this.messagingEnv(),
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(await freePort()),
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      AUTH_JWKS_URL: this.issuer?.jwksUrl ?? '',
      AUTH_SERVICE_KEYS_FILE: join(this.workDir, 'service-keys.json'),
      ...(signingAs ? { SERVICE_SIGNING_KEY_FILE: join(this.workDir, `${signingAs}.pem`) } : {}),
      // Every service gets the object store: those that do not use it ignore it.
      ...this.storageEnv(),
    };
  }

  /** The profile's event bus variables: Kafka's, or the embedded log's (no KAFKA_* at all). */
  private messagingEnv(): Record<string, string> {
    if (this.profile === 'embedded') {
      const url = this.eventLogUrl();
      const seen = this.options.eventLogAddress?.(url) ?? url;
      this.secrets.add(decodeURIComponent(new URL(seen).password));
      return { MESSAGING: 'embedded', EVENT_LOG_DATABASE_URL: seen };
    }
    // The services connect as admin over SASL_SSL (the ACLs have their own test); the password must
    // never reach a log, like every other secret of the run.
    this.secrets.add(this.options.infra.KAFKA_SASL_PASSWORD);
    return {
      ...kafkaServiceEnv(this.options.infra),
      KAFKA_BROKERS: this.brokers,
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
    };
  }

  /** The profile's object storage variables: MinIO's, or the filesystem store's (no S3_* at all). */
  private storageEnv(): Record<string, string> {
    if (this.profile === 'embedded') {
      this.secrets.add(this.signedLinkSecret);
      return {
        OBJECT_STORAGE: 'filesystem',
        ECOGATE_HOME: this.ecogateHome,
        SIGNED_LINK_SECRET: this.signedLinkSecret,
      };
    }
    const { infra } = this.options;
    this.secrets.add(infra.S3_SECRET_KEY);
    return {
      S3_ENDPOINT: infra.S3_ENDPOINT,
      S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
      S3_SECRET_KEY: infra.S3_SECRET_KEY,
    };
  }

  /** What the tap (and a test) reads the chain's events through: the services' transport. */
  private messagingSettings(): MessagingSettings {
    if (this.profile === 'embedded') {
      const url = this.eventLogUrl();
      return { kind: 'embedded', eventLogUrl: { reveal: () => url } };
    }
    return {
      kind: 'kafka',
      kafka: {
        ...kafkaClientOptions(this.options.infra),
        brokers: this.brokers.split(','),
        clientId: 'lane-e2e-tap',
        topicPrefix: this.topicPrefix,
      },
    };
  }

  private objectStorageSettings(): ObjectStorageSettings {
    if (this.profile === 'embedded') {
      const secret = this.signedLinkSecret;
      return {
        kind: 'filesystem',
        // objectStorageConfig's layout: `$ECOGATE_HOME/objects`.
        root: join(this.ecogateHome, 'objects'),
        signedLinks: { baseUrl: 'http://127.0.0.1:3000/objects', secret: { reveal: () => secret } },
      };
    }
    const { infra } = this.options;
    return {
      kind: 'minio',
      minio: { endpoint: infra.S3_ENDPOINT, accessKey: infra.S3_ACCESS_KEY, secretKey: infra.S3_SECRET_KEY },
    };
  }

  private get brokers(): string {
    return this.options.brokers ?? this.options.infra.KAFKA_BROKERS;
  }

  private get ecogateHome(): string {
    return join(this.workDir, 'ecogate-home');
  }

  private eventLogUrl(): string {
    if (!this.eventLog) throw new Error('the embedded event log is not created yet');
    return this.eventLog.url;
  }

  /** camera-ingest's registry API: site → gates → lanes → one Hikvision ANPR camera per lane. */
  private async registerLanes(enterprise: EnterpriseSpec): Promise<void> {
    const e = enterprise.enterpriseId;
    // Devices (and their push secrets) are the city operator's to register.
    const authorization = await this.bearer('city-operator', e);
    const registry = (method: string, path: string, body: unknown) =>
      expectOk(
        fetch(`${this.ingestApiUrl}/api/v1/enterprises/${e}${path}`, {
          method,
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify(body),
        }),
        `${method} ${path}`,
      );
    await registry('PUT', `/sites/${SITE_ID}`, { name: 'Plant 1' });
    for (const gateId of new Set(enterprise.lanes.map((l) => l.gateId))) {
      await registry('PUT', `/gates/${gateId}`, { siteId: SITE_ID, name: gateId });
    }
    for (const lane of enterprise.lanes) {
      await registry('PUT', `/lanes/${lane.laneId}`, {
        gateId: lane.gateId,
        name: lane.laneId,
        direction: lane.direction,
        mode: lane.mode ?? 'auto',
      });
      const deviceId = `${e}-${lane.laneId}`;
      const created = (await (
        await registry('POST', '/devices', {
          id: deviceId,
          laneId: lane.laneId,
          kind: 'anpr-camera',
          vendor: 'hikvision',
          name: `ANPR ${lane.laneId}`,
          allowedSources: ['127.0.0.1', '::1'],
        })
      ).json()) as { pushSecret: string };
      this.secrets.add(created.pushSecret);
      const pushUrl = `${this.urls.get('camera-ingest')}/push/hikvision/${deviceId}`;
      this.cameras.set(
        `${e}/${lane.laneId}`,
        new CameraSimulator({
          vendor: 'hikvision',
          ...(this.options.pushSecretInPath
            ? { pushUrl: `${pushUrl}/${encodeURIComponent(created.pushSecret)}` }
            : { pushUrl, headers: { [SECRET_HEADER]: created.pushSecret } }),
          serial: deviceId,
        }),
      );
    }
  }

  /** The same vehicles and alert level in the ledger, for a barrier-control that asks the ledger. */
  private async registerVehicles(enterprise: EnterpriseSpec): Promise<void> {
    const headers = { 'content-type': 'application/json' };
    for (const v of enterprise.vehicles ?? []) {
      const reply = await this.ledger(enterprise.enterpriseId, `vehicles/${encodeURIComponent(v.plate)}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          plateColour: 'yellow',
          category: v.category,
          fuel: v.fuel,
          stageEvidence: { stage: v.stage, source: 'platform-query', confirmed: true },
        }),
      });
      if (reply.status >= 300)
        throw new Error(`PUT vehicle ${v.plate}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    // Alert levels are the city's to set.
    const alert = await this.ledger(
      enterprise.enterpriseId,
      'alert-level',
      { method: 'PUT', headers, body: JSON.stringify({ level: enterprise.alertLevel, reason: 'lane-e2e' }) },
      'city-admin',
    );
    if (alert.status >= 300)
      throw new Error(`PUT alert-level: ${alert.status} ${JSON.stringify(alert.body)}`);
  }
}

async function expectOk(pending: Promise<Response>, what: string): Promise<Response> {
  const response = await pending;
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}
