import { TestIssuer } from '@ecogate/auth';
import { OnvifDeviceSimulator } from '@ecogate/camera-simulator';
import { type EventEnvelope } from '@ecogate/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer } from '@ecogate/messaging';
import { createTemporaryDatabase, type TemporaryDatabase } from '@ecogate/persistence';
import { createDataSource, runMigrations } from '@ecogate/persistence';
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

type Status = EventEnvelope<'camera.status.changed.v1'>;
type Snapshot = EventEnvelope<'camera.snapshot.captured.v1'>;

const POLL_MS = 250;
const account = { username: 'admin', password: 'Onvif-It-1' };

describe('ONVIF supervision against real Postgres, Kafka, MinIO and simulated ONVIF cameras', () => {
  const infra = loadInfraEnv();
  const enterprise = `it-${randomUUID().slice(0, 8)}`;
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  const bucket = 'ecogate-camera-ingest-it';
  const logger = createLogger({ service: 'camera-ingest-onvif-int', level: 'fatal' });
  // Strict cameras, and two with documented quirks of real models: the product must work with all.
  const cameras = {
    trigger: new OnvifDeviceSimulator({
      account,
      maxPullWaitMs: 400,
      rtspUri: 'rtsp://127.0.0.1:8554/gate-1',
      snapshotIndex: 3,
      quirks: ['http-digest-only'],
    }),
    outage: new OnvifDeviceSimulator({ account, maxPullWaitMs: 400, quirks: ['ws-security-only'] }),
    skewed: new OnvifDeviceSimulator({ account, maxPullWaitMs: 400, clockSkewMs: 90_000 }),
    locked: new OnvifDeviceSimulator({ account, maxPullWaitMs: 400 }),
  };
  const storage = new MinioObjectStorage({
    endpoint: infra.S3_ENDPOINT,
    accessKey: infra.S3_ACCESS_KEY,
    secretKey: infra.S3_SECRET_KEY,
  });
  const statuses: Status[] = [];
  const snapshots: Snapshot[] = [];
  let database: TemporaryDatabase;
  let service: RunningCameraIngest;
  let issuer: TestIssuer;
  let consumer: KafkaEventConsumer;

  const id = (name: keyof typeof cameras) => `${enterprise}-${name}`;
  const statusOf = (name: keyof typeof cameras) =>
    statuses.filter((s) => s.payload.cameraId === id(name)).map((s) => s.payload);
  /** The registry on the API listener, as the city's operator unless another caller's header is given. */
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    authorization?: string,
    tenant = enterprise,
  ) =>
    fetch(`${service.apiUrl}/api/v1/enterprises/${tenant}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: authorization ?? (await issuer.bearer({ role: 'city-operator' })),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    issuer = await TestIssuer.start(['video-archive']);
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'camera_ingest_onvif_it');
    const dataSource = createDataSource(cameraIngestDataSourceSettings(database.url, { logging: false }));
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();
    const urls = Object.fromEntries(
      await Promise.all(Object.entries(cameras).map(async ([name, camera]) => [name, await camera.start()])),
    ) as Record<keyof typeof cameras, string>;

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
      ONVIF_POLL_INTERVAL_MS: String(POLL_MS),
      ONVIF_OFFLINE_AFTER_FAILED_POLLS: '3',
      ONVIF_CLOCK_DRIFT_THRESHOLD_MS: '5000',
      ONVIF_REQUEST_TIMEOUT_MS: '1000',
      ONVIF_PULL_TIMEOUT_MS: '500',
      ONVIF_DEVICE_REFRESH_MS: '200',
    });
    const kafka = createKafka({
      ...kafkaClientOptions(infra),
      clientId: 'camera-ingest-onvif-int',
      topicPrefix,
      logger,
    });
    consumer = new KafkaEventConsumer(
      kafka,
      { topicPrefix, logger },
      {
        groupId: `onvif-${randomUUID().slice(0, 8)}`,
        handlers: {
          'camera.status.changed.v1': async (event) => void statuses.push(event),
          'camera.snapshot.captured.v1': async (event) => void snapshots.push(event),
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
    for (const name of Object.keys(cameras) as (keyof typeof cameras)[]) {
      const response = await api('POST', '/devices', {
        id: id(name),
        laneId: 'lane-in',
        kind: 'overview-camera',
        vendor: 'onvif',
        name: `ONVIF ${name}`,
        address: urls[name],
        credentials: name === 'locked' ? { ...account, password: 'not-the-password' } : account,
      });
      expect(response.status).toBe(201);
    }
    // Every reachable camera reports online once it is supervised.
    await expectEventually(() => {
      for (const name of ['trigger', 'outage', 'skewed'] as const)
        expect(statusOf(name)[0]?.status).toBe('online');
      // … and has its pull point: a device drops events nobody is subscribed to.
      for (const name of ['trigger', 'outage'] as const) expect(cameras[name].subscriptionCount).toBe(1);
    });
  });

  afterAll(() =>
    releaseAll(
      () => service?.close(),
      () => issuer?.close(),
      () => consumer?.stop(),
      () => Promise.all(Object.values(cameras).map((camera) => camera.stop())),
      () => database?.drop(),
    ),
  );

  it('turns one ground-loop trigger into exactly one snapshot event whose image is the camera photo', async () => {
    cameras.trigger.trigger('digital-input');
    const [snapshot] = await expectEventually(() => {
      expect(snapshots).toHaveLength(1);
      return snapshots;
    });
    expect(snapshot!.payload).toMatchObject({
      cameraId: id('trigger'),
      trigger: 'ground-loop',
      lane: {
        enterpriseId: enterprise,
        siteId: 'plant-1',
        gateId: 'gate-1',
        laneId: 'lane-in',
        direction: 'in',
      },
      image: { bucket, contentType: 'image/jpeg', bytes: cameras.trigger.snapshot.length },
    });
    expect(snapshot!.payload.image.key).toMatch(
      new RegExp(`^${enterprise}/plant-1/\\d{4}/\\d{2}/\\d{2}/scene/[0-9a-f]{64}\\.jpg$`),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(bucket, snapshot!.payload.image.key))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(cameras.trigger.snapshot)).toBe(true);

    // The input going back to false takes no picture; the next motion does: still one per trigger.
    cameras.trigger.trigger('digital-input', false);
    cameras.trigger.trigger('motion');
    await expectEventually(() =>
      expect(snapshots.map((s) => s.payload.trigger)).toEqual(['ground-loop', 'motion']),
    );
    expect(new Set(snapshots.map((s) => s.eventId)).size).toBe(2);
  });

  it('reports tamper alarms as status changes', async () => {
    cameras.trigger.trigger('tamper');
    await expectEventually(() =>
      expect(statusOf('trigger').map((s) => [s.status, s.reason])).toEqual([
        ['online', 'reachable'],
        ['tampered', 'tamper'],
      ]),
    );
  });

  it('reports a camera that stops answering offline once, after the debounce, then recovered once', async () => {
    const wentOffline = Date.now();
    cameras.outage.goOffline(2.5);
    const offline = await expectEventually(() => {
      const found = statusOf('outage').find((s) => s.status === 'offline');
      expect(found).toBeDefined();
      return found!;
    });
    expect(offline.reason).toBe('unreachable');
    // Three failed polls, one interval apart: not before the third.
    expect(Date.parse(offline.at) - wentOffline).toBeGreaterThanOrEqual(2 * POLL_MS);
    await expectEventually(() =>
      expect(statusOf('outage').map((s) => [s.status, s.reason])).toEqual([
        ['online', 'reachable'],
        ['offline', 'unreachable'],
        ['recovered', 'reachable'],
      ]),
    );
    // The reboot lost the subscription; the supervisor makes a new one and triggers arrive again.
    await expectEventually(() => expect(cameras.outage.subscriptionCount).toBe(1));
    cameras.outage.trigger('digital-input');
    await expectEventually(() =>
      expect(snapshots.filter((s) => s.payload.cameraId === id('outage'))).toHaveLength(1),
    );
  });

  it('reports a 90 s clock skew as drift', () => {
    const [online] = statusOf('skewed');
    expect(online).toMatchObject({ status: 'online', reason: 'clock-drift' });
    expect(Math.abs(online!.clockDriftMs! - 90_000)).toBeLessThan(3_000);
  });

  it('reports a camera that rejects our login as offline / unauthorised', async () => {
    await expectEventually(() =>
      expect(statusOf('locked').map((s) => [s.status, s.reason])).toEqual([['offline', 'unauthorised']]),
    );
  });

  it('serves a camera’s stream and snapshot URIs through the registry API, per tenant', async () => {
    // As video-archive asks it: with its own service token.
    const response = await api(
      'GET',
      `/devices/${id('trigger')}/media`,
      undefined,
      await issuer.serviceBearer('video-archive'),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      deviceId: id('trigger'),
      profiles: [
        {
          token: 'profile_1',
          name: 'mainStream',
          encoding: 'H264',
          width: 1920,
          height: 1080,
          streamUri: 'rtsp://127.0.0.1:8554/gate-1',
          snapshotUri: `${cameras.trigger.url}/onvif/snapshot.jpg`,
        },
      ],
    });
    const otherTenant = await api(
      'GET',
      `/devices/${id('trigger')}/media`,
      undefined,
      undefined,
      `other-${enterprise}`,
    );
    expect(otherTenant.status).toBe(404);
    // Another enterprise's staff learn nothing about this camera, not even that it exists.
    const outsider = await issuer.bearer({ role: 'enterprise-staff', enterprises: [`other-${enterprise}`] });
    const foreign = await api('GET', `/devices/${id('trigger')}/media`, undefined, outsider);
    expect([foreign.status, await foreign.text()]).toEqual([
      404,
      JSON.stringify({ code: 'enterprise-not-found', reason: 'no such enterprise' }),
    ]);
    expect((await api('GET', `/devices/${id('trigger')}/media`, undefined, '')).status).toBe(401);
    const locked = await api('GET', `/devices/${id('locked')}/media`);
    expect([locked.status, ((await locked.json()) as { code: string }).code]).toEqual([
      502,
      'device-unauthorised',
    ]);
  });
});
