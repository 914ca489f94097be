import { randomUUID } from 'node:crypto';
import { type Principal, TestIssuer } from '@ecogate/auth';
import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import { createMessagingTransport } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  openPostgresEventLog,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { formatPlatformDateTime } from '@ecogate/platform-protocol';
import {
  type PlatformSimulator,
  putFaults,
  getJson,
  startPlatformSimulator,
} from '@ecogate/platform-simulator';
import { createObjectStorage, type ObjectStorage, verifySignedLink } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  loadInfraEnv,
  type Profile,
  PROFILES,
  releaseAll,
  testProfile,
} from '@ecogate/testing';
import { aPassage, ENTERPRISES, serviceConfig, TEST_APP, UPLOAD_IT_CLIENT } from './testing/upload-test-kit';
import { deriveSerial } from './delivery/delivery-serial';
import { startUploadService, type UploadService } from './start-upload-service';
import { uploadEntities, uploadMigrations } from './upload.data-source';

// Sizes: the issue asks for 10,000 records and a 2-minute outage; CI gets a smaller default that
// runs in about two minutes on 2 cores. UPLOAD_IT_RECORDS / UPLOAD_IT_OUTAGE_S scale it up.
const RECORDS = Number(process.env['UPLOAD_IT_RECORDS'] ?? 2_000);
const OUTAGE_MS = Number(process.env['UPLOAD_IT_OUTAGE_S'] ?? 20) * 1000;
const TOPIC = 'ledger.passage.recorded.v1';
/** Where the test kit's passages say their photos are. */
const PHOTO_BUCKET = 'ecogate-photos';
const logger = createLogger({ service: 'provincial-upload-it', level: 'silent' });

interface SimStats {
  accepted: number;
  duplicates: number;
  rejected: number;
  unauthorized: number;
  injectedFaults: { total: number };
}
interface SimRecords {
  count: number;
  records: {
    enterpriseCode: string;
    record: { serial: string; capturedAt: string; payload: { images: Record<string, string> } };
  }[];
}

describe('provincial-upload against Kafka, Postgres and the platform simulator', () => {
  const infra = loadInfraEnv();
  let simulator: PlatformSimulator;
  // The gateway's side: the service verifies these tokens through its production path.
  let issuer: TestIssuer;
  const databases: TemporaryDatabase[] = [];
  const services: UploadService[] = [];
  /** Each service's publisher, transport and profile resources, released after the services. */
  const releases: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    simulator = await startPlatformSimulator({
      apps: { [TEST_APP.appId]: TEST_APP.secret },
      logLevel: 'silent',
      maxRecords: RECORDS + 1_000,
      maxSerials: RECORDS * 2 + 1_000,
      faultSeed: 42,
    });
  });

  afterAll(() =>
    releaseAll(
      ...services.map((service) => () => service.close()),
      ...releases,
      () => simulator?.close(),
      () => issuer?.close(),
      ...databases.map((database) => () => database.drop()),
    ),
  );

  /**
   * A fresh database and topic prefix, the schema migrated, the service started and consuming on
   * the adapters of `profile`; the test publishes through a transport of the same settings.
   */
  async function startService(secret?: string, profile: Profile = 'kafka') {
    const database = await createTemporaryDatabase(infra.DATABASE_URL, 'upload_it');
    databases.push(database);
    const migrator = createDataSource({
      url: database.url,
      entities: uploadEntities,
      migrations: uploadMigrations,
      logging: false,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
    const settings = await testProfile(profile, {
      clientId: UPLOAD_IT_CLIENT,
      name: 'upload-it',
      topicPrefix,
      createDatabase: createTemporaryDatabase,
    });
    releases.push(() => settings.release());
    const transport = await createMessagingTransport(settings.messaging, {
      logger,
      openEventLog: openPostgresEventLog,
    });
    releases.unshift(() => transport.close());
    await transport.ensureTopics([{ name: transport.physicalTopic(TOPIC) }]);
    const publisher = transport.createPublisher();
    await publisher.connect();
    releases.unshift(() => publisher.disconnect());
    const service = await startUploadService(
      serviceConfig({
        databaseUrl: database.url,
        topicPrefix,
        platformUrl: simulator.httpUrl,
        profile: settings,
        ...(secret ? { secret } : {}),
      }),
      issuer.verifierOptions,
      logger,
    );
    services.push(service);
    await service.ready();
    const publish = (passage: LedgerPassageRecordedV1) =>
      publisher.publish(TOPIC, {
        enterpriseId: passage.enterpriseId,
        key: passage.enterpriseId,
        payload: passage,
      });
    // The store the image links point into (camera-ingest's photos), as the service sees it.
    const storage = createObjectStorage(settings.objectStorage, { maxPresignedTtlSeconds: 24 * 3600 });
    // On the filesystem a link is signed only for an existing bucket: camera-ingest creates it at boot.
    if (settings.objectStorage.kind === 'filesystem') await storage.ensureBucket(PHOTO_BUCKET);
    return { service, publish, storage, objectStorage: settings.objectStorage };
  }

  const stats = () => getJson<SimStats>(`${simulator.adminUrl}/_sim/stats`);
  /** The operator API as `who`; a city operator unless a test says otherwise. */
  const api = async (
    service: UploadService,
    path: string,
    init: RequestInit = {},
    who: Partial<Principal> & Pick<Principal, 'role'> = { role: 'city-operator' },
  ) => {
    const headers = { ...(init.headers as Record<string, string>), authorization: await issuer.bearer(who) };
    const r = await fetch(`${service.url}/api/v1${path}`, { ...init, headers });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
    return { status: r.status, body: (await r.json()) as any };
  };
  /** The gatekeeper of enterprise ent-a who corrects records. */
  const clerk = { role: 'enterprise-staff', enterprises: ['ent-a'], subject: 'op.li' } as const;

  /** A body's bytes, from the store's stream. */
  const readAll = async (storage: ObjectStorage, bucket: string, key: string): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(bucket, key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  // The main flow on both deployment profiles (ADR 0008): Kafka and MinIO, or the embedded event
  // log and the filesystem store, chosen by the service's configuration alone.
  describe.each(PROFILES)('on the %s profile', (profile) => {
    it(`delivers ${RECORDS} records exactly once, in capture order, through 30 % faults and a ${OUTAGE_MS / 1000} s outage`, async () => {
      await fetch(`${simulator.adminUrl}/_sim/records`, { method: 'DELETE' });
      const { service, publish, storage, objectStorage } = await startService(undefined, profile);
      const t0 = Date.now() - 3 * 3_600_000;
      const byEnterprise = Object.keys(ENTERPRISES).map((enterpriseId, e) =>
        Array.from({ length: RECORDS / 2 }, (_, i) =>
          aPassage({
            enterpriseId,
            passageId: `it-${e}-${i}`,
            direction: i % 2 === 0 ? 'in' : 'out',
            capturedAt: new Date(t0 + i * 1_000).toISOString(),
          }),
        ),
      );
      // One vehicle photo in the store, as camera-ingest wrote it; the platform is handed a link to it.
      const first = byEnterprise[0]![0]!;
      const photoKey = first.photos.vehicle!.key;
      const photo = Buffer.from(`vehicle photo of ${first.passageId} on the ${profile} profile`);
      if (objectStorage.kind === 'filesystem')
        await storage.put(PHOTO_BUCKET, photoKey, photo, { contentType: 'image/jpeg' });

      // Faults change every second among the retriable kinds, 30 % of calls each; then the platform goes down.
      const modes = ['5xx', 'malformed-ack', 'timeout', 'reset', '429'] as const;
      let round = 0;
      let outage = false;
      const chaos = setInterval(() => {
        if (outage) return;
        void putFaults(simulator, {
          failRate: 0.3,
          mode: modes[round++ % modes.length],
          retryAfterSeconds: 1,
        });
      }, 1_000);
      const started = Date.now();
      try {
        const publishing = Promise.all(
          byEnterprise.map(async (passages) => {
            for (const passage of passages) await publish(passage);
          }),
        );
        // The outage starts while the backlog is still being produced.
        await expectEventually(async () => expect((await stats()).accepted).toBeGreaterThan(RECORDS / 10), {
          timeoutMs: 60_000,
        });
        outage = true;
        await putFaults(simulator, { failRate: 0, down: true });
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
        outage = false;
        await publishing;
        // Fail only when the platform accepted nothing for 60 s: the backlog after the outage takes
        // minutes on a loaded runner (148 s of 150 once), and a stall still fails.
        await expectEventually(async () => expect((await stats()).accepted).toBe(RECORDS), {
          timeoutMs: 60_000,
          intervalMs: 500,
          progress: async () => (await stats()).accepted,
        });
      } finally {
        clearInterval(chaos);
        await putFaults(simulator, { failRate: 0 });
      }
      const elapsed = (Date.now() - started) / 1000;

      const final = await stats();
      const received = await getJson<SimRecords>(`${simulator.adminUrl}/_sim/records`);
      const serials = received.records.map((r) => r.record.serial);
      expect(new Set(serials).size).toBe(RECORDS);
      expect(received.count).toBe(RECORDS);
      const expected = byEnterprise
        .flat()
        .map((p) => deriveSerial(p))
        .sort();
      expect([...serials].sort()).toEqual(expected);
      if (objectStorage.kind === 'minio') {
        // Images travel as presigned GET URLs on the object store, valid for the configured 24 h.
        const vehicle = new URL(received.records[0]?.record.payload.images.vehicle ?? '');
        expect(vehicle.origin).toBe(new URL(infra.S3_ENDPOINT).origin);
        expect(vehicle.searchParams.get('X-Amz-Expires')).toBe('86400');
        expect(vehicle.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      } else {
        // Signed links to the gateway's route, valid 24 h: what it verifies, then streams from the store.
        const link = received.records.find((r) => r.record.serial === deriveSerial(first))?.record.payload
          .images.vehicle;
        const { baseUrl, secret } = objectStorage.signedLinks;
        const granted = verifySignedLink(link ?? '', { baseUrl, secret: secret.reveal() });
        expect(granted).toMatchObject({
          bucket: PHOTO_BUCKET,
          key: photoKey,
          versionId: null,
        });
        expect(granted.expires.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
        expect((await readAll(storage, granted.bucket, granted.key)).equals(photo)).toBe(true);
      }
      for (const code of Object.values(ENTERPRISES)) {
        const times = received.records
          .filter((r) => r.enterpriseCode === code)
          .map((r) => r.record.capturedAt);
        expect(times).toEqual([...times].sort());
        expect(times[0]).toBe(formatPlatformDateTime(new Date(t0)));
      }
      // The platform has everything; the service records its acks a moment later, per enterprise.
      for (const enterpriseId of Object.keys(ENTERPRISES)) {
        await expectEventually(async () => {
          const { body } = await api(service, `/enterprises/${enterpriseId}/upload/backlog`);
          expect(body.counts.acknowledged).toBe(RECORDS / 2);
          expect(body.backlog).toBe(0);
        });
        const rate = await api(service, `/enterprises/${enterpriseId}/upload/transmission-rate`);
        expect(rate.body[0]).toMatchObject({ produced: RECORDS / 2, acknowledged: RECORDS / 2, rate: 1 });
      }
      console.log(
        `upload int: ${RECORDS} records acknowledged in ${elapsed.toFixed(1)} s with ${OUTAGE_MS / 1000} s outage; ` +
          `sim accepted=${final.accepted} duplicates=${final.duplicates} injectedFaults=${final.injectedFaults.total} ` +
          `(${profile} profile)`,
      );
    }, 600_000); // its waits fail on a stall; this only bounds a hung run
  });

  it('parks an invalid record as rejected with its reason, and delivers it after an audited correction', async () => {
    const { service, publish } = await startService();
    const passage = aPassage({ passageId: 'bad-vin-1', vin: 'OIQ' });
    const serial = deriveSerial(passage);
    await publish(passage);
    await expectEventually(async () => {
      const { body } = await api(service, '/enterprises/ent-a/upload/records?state=rejected');
      expect(body.map((r: { serial: string }) => r.serial)).toContain(serial);
    });
    const rejected = await api(service, `/enterprises/ent-a/upload/records/${serial}`);
    expect(rejected.body.rejectionReason).toMatch(/payload\.vin: must be 17 characters/);
    // Other tenants do not see it: not in their records, and ent-a's record is not theirs to ask for.
    expect((await api(service, `/enterprises/ent-b/upload/records/${serial}`)).status).toBe(404);
    const otherClerk = { role: 'enterprise-staff', enterprises: ['ent-b'] } as const;
    expect(await api(service, `/enterprises/ent-a/upload/records/${serial}`, {}, otherClerk)).toEqual({
      status: 404,
      body: { code: 'enterprise-not-found', reason: 'no such enterprise' },
    });
    // An invalid correction is refused before it reaches the queue.
    const refused = await api(
      service,
      `/enterprises/ent-a/upload/records/${serial}/correction`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ changes: { vin: 'STILL-BAD' } }),
      },
      clerk,
    );
    expect(refused.status).toBe(400);
    const corrected = await api(
      service,
      `/enterprises/ent-a/upload/records/${serial}/correction`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ changes: { vin: 'LFWSRXRJ8M1E00009' }, note: 'VIN from the 行驶证' }),
      },
      clerk,
    );
    expect(corrected.status).toBe(202);
    await expectEventually(async () => {
      const { body } = await api(service, `/enterprises/ent-a/upload/records/${serial}`);
      expect(body.state).toBe('acknowledged');
      expect(body.corrections).toEqual([
        expect.objectContaining({ actor: 'op.li', before: null, after: { vin: 'LFWSRXRJ8M1E00009' } }),
      ]);
    });
    const received = await getJson<SimRecords>(`${simulator.adminUrl}/_sim/records`);
    expect(received.records.find((r) => r.record.serial === serial)).toBeDefined();
  });

  it('stops on a wrong secret with a clear configuration error and marks nothing delivered', async () => {
    const before = await stats();
    const { service, publish } = await startService('not-the-secret');
    for (let i = 0; i < 5; i++) await publish(aPassage({ passageId: `wrong-secret-${i}` }));
    await expectEventually(async () => {
      const { body } = await api(service, '/upload/status');
      expect(body.delivering).toBe(false);
      expect(body.configurationError).toMatchObject({ code: 'bad-signature' });
    });
    await expectEventually(async () => {
      const { body } = await api(service, '/enterprises/ent-a/upload/backlog');
      expect(body.counts.pending).toBe(5);
    });
    const { body } = await api(service, '/enterprises/ent-a/upload/backlog');
    expect(body.counts.acknowledged).toBe(0);
    const after = await stats();
    expect(after.accepted).toBe(before.accepted);
    expect(after.unauthorized).toBeGreaterThan(before.unauthorized);

    // Only a city operator may resume delivery: nobody else clears the halt, and the resume is audited.
    const resume = (who?: Partial<Principal> & Pick<Principal, 'role'>) =>
      who
        ? api(service, '/upload/status/resume', { method: 'POST' }, who)
        : fetch(`${service.url}/api/v1/upload/status/resume`, {
            method: 'POST',
            headers: { 'x-operator-id': 'op.wang' },
          }).then((r) => ({ status: r.status }));
    expect((await resume()).status).toBe(401);
    expect((await resume({ role: 'city-admin' })).status).toBe(403);
    expect((await resume({ role: 'enterprise-admin', enterprises: ['ent-a'] })).status).toBe(403);
    expect((await api(service, '/upload/status')).body.configurationError).toMatchObject({
      code: 'bad-signature',
    });
    const actions = () =>
      service.dataSource.query(
        `SELECT "action", "actor", "actor_role" AS "role", "details" FROM "upload_operator_actions"`,
      );
    expect(await actions()).toEqual([]);
    expect(await resume({ role: 'city-operator', subject: 'u-op-7' })).toEqual({
      status: 202,
      body: { delivering: true },
    });
    expect(await actions()).toEqual([
      {
        action: 'resume',
        actor: 'u-op-7',
        role: 'city-operator',
        details: { halt: expect.objectContaining({ code: 'bad-signature' }) },
      },
    ]);
  });
});
