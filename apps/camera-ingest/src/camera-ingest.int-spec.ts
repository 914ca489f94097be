import { TestIssuer } from '@ecogate/auth';
import { CameraSimulator } from '@ecogate/camera-simulator';
import { type EventEnvelope } from '@ecogate/contracts';
import { createMessagingTransport, type EventConsumer, type MessagingTransport } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  openPostgresEventLog,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  loadInfraEnv,
  PROFILES,
  releaseAll,
  type TestProfile,
  testProfile,
} from '@ecogate/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { type CameraIngestConfig, cameraIngestConfig } from './config/camera-ingest.config';
import { type RunningCameraIngest, startCameraIngest } from './create-app';
import { cameraIngestDataSourceSettings } from './database/camera-ingest.data-source';
import { type BarrierDecision } from './push/barrier-decision.port';
import { HTTP_STATUS_OF, type IngestErrorCode } from './push/ingest.exception';
import { SECRET_HEADER } from './push/push.controller';
import { jsonFixtureBody, readCases, TEST_LIMITS } from './push/testing/push-fixtures';

type PlateRead = EventEnvelope<'anpr.plate.read.v1'>;
type Snapshot = EventEnvelope<'camera.snapshot.captured.v1'>;

// Both profiles (ADR 0008): Kafka and MinIO, or the embedded event log and the filesystem store.
// Events are read back through a transport, and objects through a storage, of the same profile.
describe.each(PROFILES)('camera-ingest on %s with real Postgres, fed by the camera simulator', (profile) => {
  const infra = loadInfraEnv();
  const enterprise = `it-${randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'camera-ingest-int', level: 'fatal' });
  let database: TemporaryDatabase;
  let config: CameraIngestConfig;
  let service: RunningCameraIngest;
  let issuer: TestIssuer;
  /** The push listener (cameras); the registry is on `service.apiUrl`. */
  let baseUrl: string;
  let profiled: TestProfile;
  let transport: MessagingTransport;
  let consumer: EventConsumer;
  let dataSource: DataSource;
  let storage: ObjectStorage;
  const reads: PlateRead[] = [];
  const snapshots: Snapshot[] = [];
  let decision: BarrierDecision = { kind: 'no-decision-yet' };
  const secrets: Record<string, string> = {};

  /** The registry as the city's operator (who registers cameras), on the API listener. */
  const api = async (method: string, path: string, body?: unknown, tenant = enterprise) =>
    fetch(`${service.apiUrl}/api/v1/enterprises/${tenant}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: await issuer.bearer({ role: 'city-operator' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'camera_ingest_it');
    dataSource = createDataSource(cameraIngestDataSourceSettings(database.url, { logging: false }));
    await dataSource.initialize();
    await runMigrations(dataSource);
    // Through the environment, so camera-ingest's own configuration picks the adapters.
    profiled = await testProfile(profile, {
      clientId: 'camera-ingest-it',
      name: 'camera-ingest-it',
      infra,
      createDatabase: createTemporaryDatabase,
    });
    config = cameraIngestConfig.load({
      DATABASE_URL: database.url,
      ...profiled.env,
      S3_BUCKET: 'ecogate-camera-ingest-it',
      DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      AUTH_JWKS_URL: issuer.jwksUrl,
      HTTP_PORT: '0',
      API_HTTP_PORT: '0',
      // The golden files' cap, so their oversized images are refused here too.
      PUSH_MAX_IMAGE_BYTES: String(TEST_LIMITS.maxImageBytes),
      LOG_LEVEL: 'fatal',
    });
    // The configuration alone picks the adapters.
    expect([config.messaging.kind, config.objectStorage.kind]).toEqual(
      profile === 'kafka' ? ['kafka', 'minio'] : ['embedded', 'filesystem'],
    );
    storage = createObjectStorage(config.objectStorage);
    service = await startCameraIngest(config, logger, {
      verifier: issuer.verifierOptions,
      barrierDecision: { decide: async () => decision },
    });
    baseUrl = service.pushUrl;

    // The test's side of the bus: a transport of the same profile, as another service would have.
    transport = await createMessagingTransport(config.messaging, {
      logger,
      openEventLog: openPostgresEventLog,
    });
    consumer = transport.createConsumer({
      groupId: `count-${randomUUID().slice(0, 8)}`,
      handlers: {
        'anpr.plate.read.v1': async (event) => void reads.push(event),
        'camera.snapshot.captured.v1': async (event) => void snapshots.push(event),
      },
    });
    await transport.ensureTopics(consumer.topics().map((name) => ({ name })));
    await consumer.start();
    await consumer.ready();

    // The registry API: site → gate → lane → devices.
    expect((await api('PUT', '/sites/plant-1', { name: 'Plant 1' })).status).toBe(204);
    expect((await api('PUT', '/gates/gate-n', { siteId: 'plant-1', name: 'North gate' })).status).toBe(204);
    expect(
      (await api('PUT', '/lanes/lane-in', { gateId: 'gate-n', name: 'In', direction: 'in' })).status,
    ).toBe(204);
    for (const vendor of ['hikvision', 'vzenith', 'dahua']) {
      const response = await api('POST', '/devices', {
        id: `${enterprise}-${vendor}`,
        laneId: 'lane-in',
        kind: 'anpr-camera',
        vendor,
        name: `${vendor} ANPR`,
        allowedSources: ['127.0.0.1', '::1'],
        credentials: { username: 'admin', password: 'Hik12345!' },
      });
      expect(response.status).toBe(201);
      const issued = (await response.json()) as { pushSecret: string; device: { hasCredentials: boolean } };
      expect(issued.device).toMatchObject({ hasCredentials: true });
      expect(JSON.stringify(issued)).not.toContain('Hik12345!');
      secrets[vendor] = issued.pushSecret;
    }
  });

  afterAll(() =>
    releaseAll(
      () => consumer?.stop(),
      () => service?.close(),
      () => transport?.close(),
      () => dataSource?.destroy(),
      () => database?.drop(),
      () => profiled?.release(),
      () => issuer?.close(),
    ),
  );

  const deviceId = (vendor: string) => `${enterprise}-${vendor}`;
  const readsOf = (readId: string) => reads.filter((r) => r.payload.readId === readId);
  const receiptCount = async () =>
    ((await dataSource.query(`SELECT count(*)::int AS n FROM push_receipts`)) as { n: number }[])[0]!.n;
  const objectCount = async () => {
    let n = 0;
    for await (const _ of storage.list(config.push.bucket, `${enterprise}/`)) n += 1;
    return n;
  };

  async function expectStored(
    ref: { bucket: string; key: string; sha256: string; bytes: number },
    bytes?: Buffer,
  ) {
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(ref.bucket, ref.key)) chunks.push(chunk as Buffer);
    const stored = Buffer.concat(chunks);
    expect(stored.length).toBe(ref.bytes);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(ref.sha256);
    if (bytes) expect(stored.equals(bytes)).toBe(true);
  }

  it('keeps device credentials encrypted at rest', async () => {
    const [row] = (await dataSource.query(`SELECT credentials_encrypted FROM devices WHERE id = $1`, [
      deviceId('vzenith'),
    ])) as { credentials_encrypted: string }[];
    expect(row!.credentials_encrypted).toMatch(/^v1:/);
    expect(row!.credentials_encrypted).not.toContain('Hik12345');
  });

  it.each(['vzenith', 'hikvision', 'dahua'] as const)(
    '%s: a capture pushed three times gives exactly one plate read, with its images stored',
    async (vendor) => {
      const camera = new CameraSimulator({
        vendor,
        // Vzenith cameras take a URL only; Hikvision and Dahua send the secret in a header.
        pushUrl:
          vendor === 'vzenith'
            ? `${baseUrl}/push/vzenith/${deviceId(vendor)}/${secrets[vendor]}`
            : `${baseUrl}/push/${vendor}/${deviceId(vendor)}`,
        ...(vendor !== 'vzenith' ? { headers: { [SECRET_HEADER]: secrets[vendor]! } } : {}),
      });
      const first = await camera.arrive({ plate: '皖A00E66' });
      await camera.rePush(first.capture);
      await camera.rePush(first.capture);
      expect(
        camera.commands
          .filter((c) => c.kind === 'push-reply')
          .map((c) => c.kind === 'push-reply' && c.status),
      ).toEqual([200, 200, 200]);

      const read = await expectEventually(() => {
        const found = reads.filter((r) => r.payload.cameraId === deviceId(vendor));
        expect(found).toHaveLength(1);
        return found[0]!;
      });
      expect(read.payload).toMatchObject({
        source: 'camera',
        verdict: 'trusted',
        plate: { text: '皖A00E66', colour: 'blue' },
        lane: {
          enterpriseId: enterprise,
          siteId: 'plant-1',
          gateId: 'gate-n',
          laneId: 'lane-in',
          direction: 'in',
        },
        // ISAPI dateTime has whole seconds; Vzenith sends microseconds, Dahua milliseconds.
        capturedAt: capturedAtAsSent(vendor, first.capture.capturedAt),
        origin: { vendor },
      });
      await expectStored(read.payload.images.plate!);
      await expectStored(read.payload.images.scene!);
      await expectStored(read.payload.origin!.rawPayload!);
      await expectEventually(() =>
        expect(snapshots.filter((s) => s.payload.captureId === read.payload.captureId)).toHaveLength(1),
      );
      // Nobody decided: the barrier stays down.
      expect(camera.barrierCommands()).toEqual([]);
      // Let late duplicates (if any) arrive before the count above is trusted.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(readsOf(read.payload.readId)).toHaveLength(1);
    },
  );

  it('back-fills offline Vzenith records with their capture time, without opening the barrier', async () => {
    decision = { kind: 'open' };
    const camera = new CameraSimulator({
      vendor: 'vzenith',
      pushUrl: `${baseUrl}/push/vzenith/${deviceId('vzenith')}/${secrets['vzenith']}`,
      serial: 'offline-cam',
    });
    camera.goOffline(60);
    const buffered = await camera.arrive({ plate: '沪AMS087' });
    expect(buffered.status).toBeUndefined();
    await camera.rePushOfflineBuffer();
    const live = await camera.arrive({ plate: '浙A6MX97' });
    decision = { kind: 'no-decision-yet' };
    const backFilled = await expectEventually(() => {
      const found = reads.filter((r) => r.payload.plate.text === '沪AMS087');
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(backFilled.payload.capturedAt).toBe(buffered.capture.capturedAt.toISOString());
    // Only the live read got "ok" (the decision port said open); the back-filled one did not.
    expect(camera.barrierCommands()).toEqual([
      { kind: 'barrier', command: 'open', via: 'push-reply', captureId: live.capture.id },
    ]);
  });

  it('answers every Dahua not-ok golden file with its 4xx {code, reason} and stores nothing', async () => {
    const [receipts, objects] = [await receiptCount(), await objectCount()];
    for (const [name, c] of readCases<{
      file: string;
      dir?: 'ok';
      contentType?: string;
      code: IngestErrorCode;
    }>('dahua', 'not-ok')) {
      const response = await fetch(`${baseUrl}/push/dahua/${deviceId('dahua')}`, {
        method: 'POST',
        headers: { 'content-type': c.contentType ?? 'application/json', [SECRET_HEADER]: secrets['dahua']! },
        body: jsonFixtureBody('dahua', c.dir ?? 'not-ok', c.file),
      });
      expect([name, response.status, await response.json()]).toEqual([
        name,
        HTTP_STATUS_OF[c.code],
        { code: c.code, reason: expect.any(String) },
      ]);
    }
    expect(await receiptCount()).toBe(receipts);
    expect(await objectCount()).toBe(objects);
  });

  it('accepts a Dahua read whose optional Confidence is off scale (200): normalised, raw value kept', async () => {
    const response = await fetch(`${baseUrl}/push/dahua/${deviceId('dahua')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: secrets['dahua']! },
      body: jsonFixtureBody('dahua', 'ok', 'confidence-200.json'),
    });
    expect([response.status, await response.json()]).toEqual([200, { status: 'accepted' }]);
    const read = await expectEventually(() => {
      const found = reads.filter((r) => r.payload.origin?.anomalies !== undefined);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(read.payload).toMatchObject({
      cameraId: deviceId('dahua'),
      verdict: 'trusted',
      plate: { text: '沪AMS087', confidence: 0.78 },
      origin: {
        vendor: 'dahua',
        anomalies: [{ field: 'Object.Confidence', raw: '200', rule: 'rescaled-0-255' }],
      },
    });
    await expectStored(read.payload.images.plate!);
    await expectStored(read.payload.origin!.rawPayload!);
  });

  it('refuses a bad secret with 401 and stores nothing', async () => {
    const [receipts, objects] = [await receiptCount(), await objectCount()];
    const camera = new CameraSimulator({
      vendor: 'vzenith',
      pushUrl: `${baseUrl}/push/vzenith/${deviceId('vzenith')}/not-the-secret`,
      serial: 'intruder',
    });
    const result = await camera.arrive({ plate: '皖A06S56' });
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body!)).toMatchObject({ code: 'unauthorised' });
    const wrongVendor = await new CameraSimulator({
      vendor: 'hikvision',
      pushUrl: `${baseUrl}/push/hikvision/${deviceId('vzenith')}/${secrets['vzenith']}`,
    }).arrive({ plate: '皖A06S56' });
    expect(wrongVendor.status).toBe(401);
    expect(await receiptCount()).toBe(receipts);
    expect(await objectCount()).toBe(objects);
  });

  it('refuses a 50 MB body with 413 before reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${baseUrl}/push/vzenith/${deviceId('vzenith')}/${secrets['vzenith']}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': 50 * 1024 * 1024 },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024, 0x20));
    });
    expect(status).toBe(413);
  });

  it('refuses an unknown vendor and a push from a source outside the allow-list', async () => {
    expect((await fetch(`${baseUrl}/push/acme/x/y`, { method: 'POST' })).status).toBe(404);
    expect(
      (await api('PATCH', `/devices/${deviceId('vzenith')}`, { allowedSources: ['10.0.0.0/8'] })).status,
    ).toBe(200);
    // No trusted proxy is configured: a forged X-Forwarded-For from an allowed range changes nothing.
    const result = await new CameraSimulator({
      vendor: 'vzenith',
      pushUrl: `${baseUrl}/push/vzenith/${deviceId('vzenith')}/${secrets['vzenith']}`,
      headers: { 'x-forwarded-for': '10.1.2.3' },
    }).arrive({ plate: '皖A06S56' });
    expect(result.status).toBe(403);
  });

  it('validates registry requests and scopes them by enterprise', async () => {
    expect((await api('PUT', '/lanes/l2', { gateId: 'nope', name: 'x', direction: 'in' })).status).toBe(404);
    expect(
      (await api('PUT', '/lanes/l2', { gateId: 'gate-n', name: 'x', direction: 'sideways' })).status,
    ).toBe(400);
    // Even the city's operator finds this enterprise's device only under this enterprise.
    const other = await api('GET', `/devices/${deviceId('vzenith')}`, undefined, 'someone-else');
    expect(other.status).toBe(404);
    // The device tree: sites, gates and lanes as stored, and none of them under another enterprise.
    expect(await (await api('GET', '/sites')).json()).toEqual([
      { id: 'plant-1', name: 'Plant 1', timeZone: 'Asia/Shanghai', discoveryNetworks: [] },
    ]);
    expect(await (await api('GET', '/gates')).json()).toEqual([
      { id: 'gate-n', siteId: 'plant-1', name: 'North gate' },
    ]);
    expect(await (await api('GET', '/lanes')).json()).toEqual([
      { id: 'lane-in', gateId: 'gate-n', name: 'In', direction: 'in', mode: 'auto' },
    ]);
    for (const path of ['/sites', '/gates', '/lanes'])
      expect(await (await api('GET', path, undefined, 'someone-else')).json()).toEqual([]);
    for (const url of [baseUrl, service.apiUrl]) {
      const openApi = await fetch(`${url}/openapi.json`);
      expect(((await openApi.json()) as { openapi: string }).openapi).toBe('3.1.0');
    }
  });
});

function capturedAtAsSent(vendor: 'vzenith' | 'hikvision' | 'dahua', at: Date): string {
  const ms = at.getTime();
  return new Date(vendor === 'hikvision' ? ms - (ms % 1000) : ms).toISOString();
}
