import { randomUUID } from 'node:crypto';
import { type Principal, TestIssuer } from '@ecogate/auth';
import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import { createKafka, ensureTopics, KafkaEventPublisher } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
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
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaClientOptions, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { aPassage, ENTERPRISES, serviceConfig, TEST_APP } from './testing/upload-test-kit';
import { deriveSerial } from './delivery/delivery-serial';
import { startUploadService, type UploadService } from './start-upload-service';
import { uploadEntities, uploadMigrations } from './upload.data-source';

// Sizes: the issue asks for 10,000 records and a 2-minute outage; CI gets a smaller default that
// runs in about two minutes on 2 cores. UPLOAD_IT_RECORDS / UPLOAD_IT_OUTAGE_S scale it up.
const RECORDS = Number(process.env['UPLOAD_IT_RECORDS'] ?? 2_000);
const OUTAGE_MS = Number(process.env['UPLOAD_IT_OUTAGE_S'] ?? 20) * 1000;
const TOPIC = 'ledger.passage.recorded.v1';
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
  const brokers = infra.KAFKA_BROKERS.split(',');
  let simulator: PlatformSimulator;
  // The gateway's side: the service verifies these tokens through its production path.
  let issuer: TestIssuer;
  const databases: TemporaryDatabase[] = [];
  const services: UploadService[] = [];
  const publishers: KafkaEventPublisher[] = [];

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
      ...publishers.map((publisher) => () => publisher.disconnect()),
      () => simulator?.close(),
      () => issuer?.close(),
      ...databases.map((database) => () => database.drop()),
    ),
  );

  /** A fresh database and topic prefix, the schema migrated, the service started and consuming. */
  async function startService(secret?: string) {
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
    const kafka = createKafka({ ...kafkaClientOptions(infra), clientId: 'upload-it', topicPrefix, logger });
    await ensureTopics(kafka, [{ name: `${topicPrefix}${TOPIC}` }]);
    const publisher = new KafkaEventPublisher(kafka, { topicPrefix });
    await publisher.connect();
    publishers.push(publisher);
    const service = await startUploadService(
      serviceConfig({
        databaseUrl: database.url,
        brokers,
        topicPrefix,
        platformUrl: simulator.httpUrl,
        storage: {
          endpoint: infra.S3_ENDPOINT,
          accessKey: infra.S3_ACCESS_KEY,
          secretKey: infra.S3_SECRET_KEY,
        },
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
    return { service, publish };
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

  it(`delivers ${RECORDS} records exactly once, in capture order, through 30 % faults and a ${OUTAGE_MS / 1000} s outage`, async () => {
    await fetch(`${simulator.adminUrl}/_sim/records`, { method: 'DELETE' });
    const { service, publish } = await startService();
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

    // Faults change every second among the retriable kinds, 30 % of calls each; then the platform goes down.
    const modes = ['5xx', 'malformed-ack', 'timeout', 'reset', '429'] as const;
    let round = 0;
    let outage = false;
    const chaos = setInterval(() => {
      if (outage) return;
      void putFaults(simulator, { failRate: 0.3, mode: modes[round++ % modes.length], retryAfterSeconds: 1 });
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
      await expectEventually(async () => expect((await stats()).accepted).toBe(RECORDS), {
        timeoutMs: 150_000,
        intervalMs: 500,
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
    // Images travel as presigned GET URLs on the object store, valid for the configured 24 h.
    const vehicle = new URL(received.records[0]?.record.payload.images.vehicle ?? '');
    expect(vehicle.origin).toBe(new URL(infra.S3_ENDPOINT).origin);
    expect(vehicle.searchParams.get('X-Amz-Expires')).toBe('86400');
    expect(vehicle.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    for (const code of Object.values(ENTERPRISES)) {
      const times = received.records.filter((r) => r.enterpriseCode === code).map((r) => r.record.capturedAt);
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
        `sim accepted=${final.accepted} duplicates=${final.duplicates} injectedFaults=${final.injectedFaults.total}`,
    );
  }, 300_000);

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
