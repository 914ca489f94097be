import { TestIssuer } from '@ecogate/auth';
import {
  DahuaEventStreamSimulator,
  type DahuaTrafficFields,
  plateCropPhoto,
  scenePhoto,
} from '@ecogate/camera-simulator';
import { type EventEnvelope } from '@ecogate/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { MinioObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  kafkaClientOptions,
  kafkaServiceEnv,
  loadInfraEnv,
  releaseAll,
} from '@ecogate/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { cameraIngestConfig } from './config/camera-ingest.config';
import { type RunningCameraIngest, startCameraIngest } from './create-app';
import { cameraIngestDataSourceSettings } from './database/camera-ingest.data-source';

type PlateRead = EventEnvelope<'anpr.plate.read.v1'>;
type Status = EventEnvelope<'camera.status.changed.v1'>;

const HEARTBEAT_S = 1;
const account = { username: 'admin', password: 'Dahua-It-1' };

describe('Dahua event stream against real Postgres, Kafka, MinIO and a simulated ITC camera', () => {
  const infra = loadInfraEnv();
  const enterprise = `it-${randomUUID().slice(0, 8)}`;
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  const bucket = 'ecogate-camera-ingest-it';
  const logger = createLogger({ service: 'camera-ingest-dahua-stream-int', level: 'fatal' });
  // The camera sends its last event again after a reconnect, as some firmwares do.
  const camera = new DahuaEventStreamSimulator({ account, replayLastOnAttach: true });
  const locked = new DahuaEventStreamSimulator({ account });
  const storage = new MinioObjectStorage({
    endpoint: infra.S3_ENDPOINT,
    accessKey: infra.S3_ACCESS_KEY,
    secretKey: infra.S3_SECRET_KEY,
  });
  const reads: PlateRead[] = [];
  const statuses: Status[] = [];
  let database: TemporaryDatabase;
  let service: RunningCameraIngest;
  let issuer: TestIssuer;
  let consumer: KafkaEventConsumer;

  const id = (name: 'stream' | 'locked') => `${enterprise}-${name}`;
  const statusOf = (name: 'stream' | 'locked') =>
    statuses.filter((s) => s.payload.cameraId === id(name)).map((s) => [s.payload.status, s.payload.reason]);
  const api = async (method: string, path: string, body?: unknown) =>
    fetch(`${service.apiUrl}/api/v1/enterprises/${enterprise}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: await issuer.bearer({ role: 'city-operator' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let group = 7000;
  /** A truck at the gate, with real photos. */
  const vehicle = (plate: string): DahuaTrafficFields => {
    group += 1;
    return {
      groupId: group,
      eventId: group - 6000,
      capturedAt: new Date(Date.now() - 1_000),
      plate,
      scene: scenePhoto(group),
      plateCrop: plateCropPhoto(plate),
    };
  };
  const readsOf = (fields: DahuaTrafficFields) =>
    reads.filter(
      (r) =>
        r.payload.capturedAt === fields.capturedAt.toISOString() && r.payload.plate.text === fields.plate,
    );
  const stored = async (key: string): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(bucket, key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'camera_ingest_dahua_it');
    const dataSource = createDataSource(cameraIngestDataSourceSettings(database.url, { logging: false }));
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();
    await camera.start();
    await locked.start();

    const config = cameraIngestConfig.load({
      DATABASE_URL: database.url,
      ...kafkaServiceEnv(infra),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      S3_ENDPOINT: infra.S3_ENDPOINT,
      S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
      S3_SECRET_KEY: infra.S3_SECRET_KEY,
      S3_BUCKET: bucket,
      DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      AUTH_JWKS_URL: issuer.jwksUrl,
      HTTP_PORT: '0',
      API_HTTP_PORT: '0',
      LOG_LEVEL: 'fatal',
      ONVIF_SUPERVISION_ENABLED: 'false',
      DAHUA_EVENT_STREAM_HEARTBEAT_S: String(HEARTBEAT_S),
      DAHUA_EVENT_STREAM_RECONNECT_MIN_MS: '100',
      DAHUA_EVENT_STREAM_RECONNECT_MAX_MS: '400',
      DAHUA_EVENT_STREAM_OFFLINE_AFTER_FAILURES: '3',
      DAHUA_EVENT_STREAM_EVENT_SETTLE_MS: '200',
      DAHUA_EVENT_STREAM_DEVICE_REFRESH_MS: '200',
    });
    const kafka = createKafka({
      ...kafkaClientOptions(infra),
      clientId: 'camera-ingest-dahua-stream-int',
      topicPrefix,
      logger,
    });
    consumer = new KafkaEventConsumer(
      kafka,
      { topicPrefix, logger },
      {
        groupId: `dahua-stream-${randomUUID().slice(0, 8)}`,
        handlers: {
          'anpr.plate.read.v1': async (event) => void reads.push(event),
          'camera.status.changed.v1': async (event) => void statuses.push(event),
        },
      },
    );
    await ensureTopics(
      kafka,
      consumer.topics().map((name) => ({ name })),
    );
    await consumer.start();
    await consumer.ready();

    service = await startCameraIngest(config, logger, { verifier: issuer.verifierOptions });
    expect((await api('PUT', '/sites/plant-1', { name: 'Plant 1' })).status).toBe(204);
    expect((await api('PUT', '/gates/gate-1', { siteId: 'plant-1', name: 'Gate 1' })).status).toBe(204);
    expect(
      (await api('PUT', '/lanes/lane-in', { gateId: 'gate-1', name: 'In', direction: 'in' })).status,
    ).toBe(204);
    for (const [name, simulator, login] of [
      ['stream', camera, account],
      ['locked', locked, { ...account, password: 'not-the-password' }],
    ] as const) {
      const response = await api('POST', '/devices', {
        id: id(name),
        laneId: 'lane-in',
        kind: 'anpr-camera',
        vendor: 'dahua',
        name: `Dahua ITC ${name}`,
        address: simulator.url,
        credentials: login,
        eventSource: 'event-stream',
      });
      expect(response.status).toBe(201);
      expect(((await response.json()) as { device: { eventSource: string } }).device.eventSource).toBe(
        'event-stream',
      );
    }
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
  });

  afterAll(() =>
    releaseAll(
      () => service?.close(),
      () => issuer?.close(),
      () => consumer?.stop(),
      () => camera.stop(),
      () => locked.stop(),
      () => database?.drop(),
    ),
  );

  it('refuses the event stream for a camera that has none', async () => {
    const response = await api('POST', '/devices', {
      id: `${enterprise}-hik`,
      laneId: 'lane-in',
      kind: 'anpr-camera',
      vendor: 'hikvision',
      name: 'Hikvision ANPR',
      eventSource: 'event-stream',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid-request' });
  });

  const emitted: DahuaTrafficFields[] = [];

  it('turns three streamed events into three plate reads from the camera, with their photos stored', async () => {
    for (const plate of ['皖A00E66', '沪D12345', '苏E99999']) {
      const fields = vehicle(plate);
      emitted.push(fields);
      expect(await camera.emit(fields)).toBe(1);
    }
    await expectEventually(() => expect(reads).toHaveLength(3));
    for (const fields of emitted) {
      const [read] = readsOf(fields);
      expect(read!.payload).toMatchObject({
        cameraId: id('stream'),
        source: 'camera',
        plate: { text: fields.plate, rawColour: 'Blue', confidence: 0.96 },
        lane: {
          enterpriseId: enterprise,
          siteId: 'plant-1',
          gateId: 'gate-1',
          laneId: 'lane-in',
          direction: 'in',
        },
        origin: { vendor: 'dahua', rawPayload: { contentType: 'text/plain', bucket } },
      });
      expect((await stored(read!.payload.images.scene!.key)).equals(fields.scene!)).toBe(true);
      expect((await stored(read!.payload.images.plate!.key)).equals(fields.plateCrop!)).toBe(true);
      // The event part itself is kept for audits.
      const raw = (await stored(read!.payload.origin!.rawPayload!.key)).toString('utf8');
      expect(raw).toMatch(new RegExp(`^Code=TrafficJunction;action=Pulse;index=0;data=\\{`));
      expect(raw).toContain(`"GroupID": ${fields.groupId}`);
    }
    expect(statusOf('stream')).toEqual([['online', 'reachable']]);
  });

  it('after a cut, the event the camera replays on reconnect is a duplicate, not a second passage', async () => {
    const attaches = camera.attaches.length;
    camera.cutConnections();
    await expectEventually(() => expect(camera.attaches).toHaveLength(attaches + 1));
    expect(camera.replayed).toBe(1);
    // The replay went out first on the new stream; a new event after it proves it was read.
    const next = vehicle('浙A54321');
    emitted.push(next);
    await camera.emit(next);
    await expectEventually(() => expect(readsOf(next)).toHaveLength(1));
    expect(reads).toHaveLength(4);
    expect(readsOf(emitted[2]!)).toHaveLength(1);
    expect(new Set(reads.map((r) => r.payload.readId)).size).toBe(4);
    // A cut the stream recovers from at once is no outage.
    expect(statusOf('stream')).toEqual([['online', 'reachable']]);
  });

  it('reconnects within the watchdog when the heartbeats stop', async () => {
    const attaches = camera.attaches.length;
    const hungAt = Date.now();
    camera.hang();
    await expectEventually(() => expect(camera.attaches).toHaveLength(attaches + 1), { intervalMs: 50 });
    const after = Date.now() - hungAt;
    // 2.5 heartbeats after the last byte (up to one heartbeat before the hang), plus one reconnect delay.
    expect(after).toBeGreaterThanOrEqual(1_000 * HEARTBEAT_S);
    expect(after).toBeLessThan(2.5 * 1_000 * HEARTBEAT_S + 400 + 2_000);
    const next = vehicle('鲁B11111');
    emitted.push(next);
    await camera.emit(next);
    await expectEventually(() => expect(readsOf(next)).toHaveLength(1));
    expect(reads).toHaveLength(5);
  });

  it('attaches nothing with a wrong password: offline / unauthorised, and the service goes on', async () => {
    await expectEventually(() => expect(statusOf('locked')).toEqual([['offline', 'unauthorised']]));
    expect(locked.attaches).toHaveLength(0);
    expect(locked.refusedLogins).toBeGreaterThanOrEqual(3);
    expect(await locked.emit(vehicle('晋C22222'))).toBe(0);
    expect(reads.filter((r) => r.payload.cameraId === id('locked'))).toHaveLength(0);

    // The operator corrects the login: the camera is attached without a restart and recovers.
    const fixed = await api('PATCH', `/devices/${id('locked')}`, { credentials: account });
    expect(fixed.status).toBe(200);
    await expectEventually(() => expect(locked.attachedCount).toBe(1));
    await expectEventually(() =>
      expect(statusOf('locked')).toEqual([
        ['offline', 'unauthorised'],
        ['recovered', 'reachable'],
      ]),
    );
    const health = await fetch(`${service.pushUrl}/health`);
    expect(health.status).toBe(200);
  });
});
