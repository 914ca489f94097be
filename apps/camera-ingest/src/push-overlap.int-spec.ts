import { TestIssuer } from '@ecogate/auth';
import { CameraSimulator, type PushResult } from '@ecogate/camera-simulator';
import { type EventEnvelope } from '@ecogate/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  kafkaClientOptions,
  kafkaServiceEnv,
  loadInfraEnv,
  releaseAll,
} from '@ecogate/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { OBJECT_STORAGE } from './capture/capture-store';
import { type CameraIngestConfig, cameraIngestConfig } from './config/camera-ingest.config';
import { type RunningCameraIngest, startCameraIngest } from './create-app';
import { cameraIngestDataSourceSettings } from './database/camera-ingest.data-source';
import { SECRET_HEADER } from './push/push.controller';

type PlateRead = EventEnvelope<'anpr.plate.read.v1'>;

/** A promise and the function that settles it, to hold an attempt mid-flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Whether `promise` has settled by now. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  // One turn of the event loop lets an already settled promise run its callbacks.
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

// Overlapping pushes of one capture over real HTTP, Postgres, Kafka and MinIO: a re-push is never
// acknowledged before the original is durably stored (a data-loss review finding).
describe('camera-ingest: a re-push while the first attempt is still in flight', () => {
  const infra = loadInfraEnv();
  const enterprise = `ov-${randomUUID().slice(0, 8)}`;
  const topicPrefix = `ov-${randomUUID().slice(0, 8)}.`;
  const logger = createLogger({ service: 'camera-ingest-overlap-int', level: 'fatal' });
  const deviceId = `${enterprise}-dahua`;
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let config: CameraIngestConfig;
  let service: RunningCameraIngest;
  let issuer: TestIssuer;
  let storage: ObjectStorage;
  let consumer: KafkaEventConsumer;
  let camera: CameraSimulator;
  let baseUrl: string;
  let pushSecret: string;
  const reads: PlateRead[] = [];

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'camera_ingest_overlap_it');
    dataSource = createDataSource(cameraIngestDataSourceSettings(database.url, { logging: false }));
    await dataSource.initialize();
    await runMigrations(dataSource);
    config = cameraIngestConfig.load({
      DATABASE_URL: database.url,
      ...kafkaServiceEnv(infra),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      S3_ENDPOINT: infra.S3_ENDPOINT,
      S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
      S3_SECRET_KEY: infra.S3_SECRET_KEY,
      S3_BUCKET: 'ecogate-camera-ingest-it',
      DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      AUTH_JWKS_URL: issuer.jwksUrl,
      HTTP_PORT: '0',
      API_HTTP_PORT: '0',
      PUSH_IN_FLIGHT_WAIT_MS: '1500',
      ONVIF_SUPERVISION_ENABLED: 'false',
      LOG_LEVEL: 'fatal',
    });
    service = await startCameraIngest(config, logger, { verifier: issuer.verifierOptions });
    baseUrl = service.pushUrl;
    storage = service.apps.core.get<ObjectStorage>(OBJECT_STORAGE);

    const kafka = createKafka({
      ...kafkaClientOptions(infra),
      clientId: 'overlap-int',
      topicPrefix,
      logger,
    });
    consumer = new KafkaEventConsumer(
      kafka,
      { topicPrefix, logger },
      {
        groupId: `overlap-${randomUUID().slice(0, 8)}`,
        handlers: { 'anpr.plate.read.v1': async (event) => void reads.push(event) },
      },
    );
    await ensureTopics(
      kafka,
      consumer.topics().map((name) => ({ name })),
    );
    await consumer.start();
    await consumer.ready();

    const api = async (method: string, path: string, body: unknown) =>
      fetch(`${service.apiUrl}/api/v1/enterprises/${enterprise}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          authorization: await issuer.bearer({ role: 'city-operator' }),
        },
        body: JSON.stringify(body),
      });
    expect((await api('PUT', '/sites/plant-1', { name: 'Plant 1' })).status).toBe(204);
    expect((await api('PUT', '/gates/gate-n', { siteId: 'plant-1', name: 'North' })).status).toBe(204);
    expect(
      (await api('PUT', '/lanes/lane-in', { gateId: 'gate-n', name: 'In', direction: 'in' })).status,
    ).toBe(204);
    const created = await api('POST', '/devices', {
      id: deviceId,
      laneId: 'lane-in',
      kind: 'anpr-camera',
      vendor: 'dahua',
      name: 'Dahua ANPR',
      allowedSources: ['127.0.0.1', '::1'],
    });
    expect(created.status).toBe(201);
    ({ pushSecret } = (await created.json()) as { pushSecret: string });
    camera = new CameraSimulator({
      vendor: 'dahua',
      pushUrl: `${baseUrl}/push/dahua/${deviceId}`,
      headers: { [SECRET_HEADER]: pushSecret },
    });
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(() =>
    releaseAll(
      () => consumer?.stop(),
      () => service?.close(),
      () => issuer?.close(),
      () => dataSource?.destroy(),
      () => database?.drop(),
    ),
  );

  const readsOf = (plate: string) => reads.filter((r) => r.payload.plate.text === plate);
  const published = async (readId: string) =>
    (
      (await dataSource.query(
        `SELECT published_at IS NOT NULL AS done FROM push_receipts WHERE event_id = $1`,
        [readId],
      )) as { done: boolean }[]
    )[0]?.done ?? false;

  /** Holds the first object-storage write until `hold` opens, then runs `then` (fail or pass through). */
  function holdFirstPut(hold: Promise<void>, then: 'fail' | 'pass') {
    const realPut = storage.put.bind(storage);
    return jest.spyOn(storage, 'put').mockImplementationOnce(async (...args) => {
      await hold;
      if (then === 'fail') throw new Error('injected: MinIO unavailable');
      return realPut(...args);
    });
  }

  /** A vehicle arrives and its capture is re-pushed while the first push is still storing. */
  async function overlappingPushes(plate: string, put: jest.SpyInstance) {
    const first = camera.arrive({ plate });
    await expectEventually(() => expect(put).toHaveBeenCalled(), { intervalMs: 10 });
    const capture = camera.sent.at(-1)!;
    expect(capture.plate).toBe(plate);
    return { first, second: camera.rePush(capture) };
  }

  it('the first attempt fails after the re-push arrived: the re-push is answered 200 only once it stored the read itself', async () => {
    const hold = gate();
    const put = holdFirstPut(hold.opened, 'fail');
    const { first, second } = await overlappingPushes('冀A0V001', put);
    await sleep(400);
    // Before the fix this was already answered 200 "duplicate" — and the read then lost.
    expect(await settledYet(second)).toBe(false);

    hold.open();
    expect((await first).status).toBe(503);
    const answer: PushResult = await second;
    expect([answer.status, JSON.parse(answer.body!)]).toEqual([200, { status: 'accepted' }]);
    const read = await expectEventually(() => {
      expect(readsOf('冀A0V001')).toHaveLength(1);
      return readsOf('冀A0V001')[0]!;
    });
    expect(await published(read.payload.readId)).toBe(true);
    const raw = read.payload.origin!.rawPayload!;
    expect((await storage.stat(raw.bucket, raw.key)).size).toBe(raw.bytes);
    // The camera's further retries are plain duplicates; still exactly one read in the end.
    expect((await camera.rePush(answer.capture)).status).toBe(200);
    await sleep(1500);
    expect(readsOf('冀A0V001')).toHaveLength(1);
  });

  it('the first attempt outlasts the wait: the re-push gets 503 with Retry-After, the next retry 200 duplicate', async () => {
    const hold = gate();
    const put = holdFirstPut(hold.opened, 'pass');
    const { first, second } = await overlappingPushes('冀A0V002', put);
    const refused = await second;
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body!)).toMatchObject({ code: 'push-in-flight' });
    expect(readsOf('冀A0V002')).toHaveLength(0);

    hold.open();
    expect((await first).status).toBe(200);
    const retried = await camera.rePush(refused.capture);
    expect([retried.status, JSON.parse(retried.body!)]).toEqual([200, { status: 'duplicate' }]);
    await expectEventually(() => expect(readsOf('冀A0V002')).toHaveLength(1));
    await sleep(1500);
    expect(readsOf('冀A0V002')).toHaveLength(1);
  });

  it('sends Retry-After with the 503', async () => {
    const hold = gate();
    const put = holdFirstPut(hold.opened, 'pass');
    const first = camera.arrive({ plate: '冀A0V003' });
    await expectEventually(() => expect(put).toHaveBeenCalled(), { intervalMs: 10 });
    const capture = camera.sent.at(-1)!;
    // Straight over HTTP to see the header the simulator does not record.
    const response = await fetch(`${baseUrl}/push/dahua/${deviceId}`, {
      method: 'POST',
      headers: { 'content-type': capture.contentType, [SECRET_HEADER]: pushSecret },
      body: capture.body,
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await response.text();
    hold.open();
    expect((await first).status).toBe(200);
  });
});
