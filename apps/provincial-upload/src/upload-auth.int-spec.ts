import { randomUUID } from 'node:crypto';
import { type Principal, TestIssuer, forgedBearers, checkRouteMatrix, POLICY } from '@ecogate/auth';
import { type OpenApiDocument } from '@ecogate/http-edge';
import { createKafka, ensureTopics, KafkaEventPublisher } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { getJson, type PlatformSimulator, startPlatformSimulator } from '@ecogate/platform-simulator';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaClientOptions, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { deriveSerial } from './delivery/delivery-serial';
import { startUploadService, type UploadService } from './start-upload-service';
import { aPassage, serviceConfig, TEST_APP } from './testing/upload-test-kit';
import { uploadEntities, uploadMigrations } from './upload.data-source';

// The attack on the operator API, scripted: records the platform already acknowledged are pushed
// again (the platform then holds duplicates and answers for them) by callers who may not, and
// delivery is resumed by a non-operator. The service is the real one on Postgres, Kafka and the
// platform simulator; tokens come from a real issuer and are verified through the JWKS.

const TOPIC = 'ledger.passage.recorded.v1';
const logger = createLogger({ service: 'provincial-upload-auth-it', level: 'silent' });

type Who = Partial<Principal> & Pick<Principal, 'role'>;
interface SimStats {
  accepted: number;
  duplicates: number;
  rejected: number;
}

describe('provincial-upload operator API: who may push records to the platform again', () => {
  const infra = loadInfraEnv();
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  const kafka = createKafka({
    ...kafkaClientOptions(infra),
    clientId: 'upload-auth-it',
    topicPrefix,
    logger,
  });
  let issuer: TestIssuer;
  let simulator: PlatformSimulator;
  let database: TemporaryDatabase;
  let publisher: KafkaEventPublisher;
  let service: UploadService;

  const t0 = Date.now() - 3_600_000;
  const passages = Array.from({ length: 4 }, (_, i) =>
    aPassage({ passageId: `auth-${i}`, capturedAt: new Date(t0 + i * 1_000).toISOString() }),
  );
  const serial = deriveSerial(passages[0]!);
  const range = {
    capturedFrom: new Date(t0 - 1_000).toISOString(),
    capturedTo: new Date(t0 + 10_000).toISOString(),
  };

  beforeAll(async () => {
    issuer = await TestIssuer.start(['ledger', 'camera-ingest']);
    simulator = await startPlatformSimulator({
      apps: { [TEST_APP.appId]: TEST_APP.secret },
      logLevel: 'silent',
      maxRecords: 1_000,
      maxSerials: 1_000,
    });
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'upload_auth_it');
    const migrator = createDataSource({
      url: database.url,
      entities: uploadEntities,
      migrations: uploadMigrations,
      logging: false,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    await ensureTopics(kafka, [{ name: `${topicPrefix}${TOPIC}` }]);
    publisher = new KafkaEventPublisher(kafka, { topicPrefix });
    await publisher.connect();
    service = await startUploadService(
      serviceConfig({
        databaseUrl: database.url,
        brokers: infra.KAFKA_BROKERS.split(','),
        topicPrefix,
        platformUrl: simulator.httpUrl,
      }),
      issuer.verifierOptions,
      logger,
    );
    await service.ready();
  }, 60_000);

  afterAll(() =>
    releaseAll(
      () => service?.close(),
      () => publisher?.disconnect(),
      () => simulator?.close(),
      () => issuer?.close(),
      () => database?.drop(),
    ),
  );

  const stats = async () => {
    const { accepted, duplicates, rejected } = await getJson<SimStats>(`${simulator.adminUrl}/_sim/stats`);
    return { accepted, duplicates, rejected };
  };
  const auditRows = () =>
    service.dataSource.query(
      `SELECT "action", "actor", "actor_role" AS "role", "serial", "queued" FROM "upload_operator_actions" ORDER BY "at"`,
    ) as Promise<Record<string, unknown>[]>;
  const bearer = (who: Who) => issuer.bearer(who);
  async function post(path: string, headers: Record<string, string>, body?: unknown) {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      body: (await response.json()) as Record<string, unknown>,
    };
  }
  async function get(path: string, who: Who) {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      headers: { authorization: await bearer(who) },
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
    return { status: response.status, body: (await response.json()) as any };
  }
  const rePushOne = (headers: Record<string, string>, body?: { reason: string }) =>
    post(`/enterprises/ent-a/upload/records/${serial}/re-push`, headers, body);
  const rePushRange = (headers: Record<string, string>, reason?: string) =>
    post('/enterprises/ent-a/upload/re-push', headers, { ...range, ...(reason ? { reason } : {}) });

  it('delivers the records, then refuses every re-push by a caller who may not: the platform receives nothing new', async () => {
    for (const passage of passages)
      await publisher.publish(TOPIC, { enterpriseId: 'ent-a', key: 'ent-a', payload: passage });
    await expectEventually(
      async () => {
        expect((await stats()).accepted).toBe(4);
        const { body } = await get('/enterprises/ent-a/upload/backlog', { role: 'city-operator' });
        expect(body.counts.acknowledged).toBe(4);
      },
      { timeoutMs: 30_000 },
    );
    const delivered = await stats();

    const anonymous: [string, Record<string, string>, number][] = [
      ['no token', {}, 401],
      ['only an X-Operator-Id header', { 'x-operator-id': 'op.li' }, 401],
      ...Object.entries(await forgedBearers(issuer)).map(
        ([why, authorization]): [string, Record<string, string>, number] => [
          `a token with ${why}`,
          { authorization, 'x-operator-id': 'op.li' },
          401,
        ],
      ),
    ];
    const attackers: [string, Record<string, string>, number][] = [
      ...anonymous,
      // The role check comes before the enterprise: the gatekeeper is refused outright.
      [
        'their own enterprise-staff',
        { authorization: await bearer({ role: 'enterprise-staff', enterprises: ['ent-a'] }) },
        403,
      ],
      [
        'an inspector of the district',
        { authorization: await bearer({ role: 'inspector', enterprises: ['ent-a'] }) },
        403,
      ],
      ['the city admin', { authorization: await bearer({ role: 'city-admin' }) }, 403],
      [
        'an integrator with every write scope',
        {
          authorization: await bearer({
            role: 'integrator',
            enterprises: ['ent-a'],
            scopes: ['passages:write', 'vehicles:write', 'documents:write'],
          }),
        },
        403,
      ],
      ['another service', { authorization: await issuer.serviceBearer('ledger') }, 403],
      // Another tenant's admin learns nothing: not even that the enterprise or the record exists.
      [
        "another enterprise's admin",
        {
          authorization: await bearer({
            role: 'enterprise-admin',
            enterprises: ['ent-b'],
            subject: 'admin-b',
          }),
        },
        404,
      ],
    ];
    for (const [who, headers, status] of attackers) {
      for (const attempt of [rePushOne, rePushRange]) {
        const answer = await attempt(headers);
        expect({ who, status: answer.status }).toEqual({ who, status });
        expect(Object.keys(answer.body).sort()).toEqual(['code', 'reason']);
        if (status === 401) expect(answer.challenge).toBe('Bearer');
      }
    }

    // Fifteen dispatcher polls later: nothing was queued, nothing sent, nothing audited.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await stats()).toEqual(delivered);
    const { body: backlog } = await get('/enterprises/ent-a/upload/backlog', { role: 'city-operator' });
    expect(backlog.counts).toMatchObject({ acknowledged: 4, pending: 0, 'in-flight': 0 });
    expect(await auditRows()).toEqual([]);
  });

  it('lets the city operator and the enterprise admin re-push, audited with the token subject', async () => {
    const before = await stats();
    const operator = await bearer({ role: 'city-operator', subject: 'u-op-1' });
    // The header a caller chooses is ignored: the actor is whoever the token says.
    expect(
      await rePushOne({ authorization: operator, 'x-operator-id': 'someone.else' }, { reason: '   ' }),
    ).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    expect(
      await rePushOne(
        { authorization: operator, 'x-operator-id': 'someone.else' },
        { reason: '平台补传：省平台停机' },
      ),
    ).toMatchObject({ status: 202, body: { queued: 1 } });
    await expectEventually(async () => expect((await stats()).duplicates).toBe(before.duplicates + 1));
    const admin = await bearer({ role: 'enterprise-admin', enterprises: ['ent-a'], subject: 'u-admin-a' });
    await expectEventually(async () =>
      // The first re-push is in flight for a moment; then all four are acknowledged again.
      expect(
        (await get(`/enterprises/ent-a/upload/records/${serial}`, { role: 'city-operator' })).body.state,
      ).toBe('acknowledged'),
    );
    expect(await rePushRange({ authorization: admin })).toMatchObject({ status: 202, body: { queued: 4 } });
    await expectEventually(async () => expect((await stats()).duplicates).toBe(before.duplicates + 5));
    expect((await stats()).accepted).toBe(before.accepted);

    expect(await auditRows()).toEqual([
      { action: 're-push', actor: 'u-op-1', role: 'city-operator', serial, queued: 1 },
      { action: 're-push', actor: 'u-admin-a', role: 'enterprise-admin', serial: null, queued: 4 },
    ]);
    const detail = await get(`/enterprises/ent-a/upload/records/${serial}`, {
      role: 'enterprise-staff',
      enterprises: ['ent-a'],
    });
    expect(detail.body.rePushes.map((r: { actor: string }) => r.actor)).toEqual(['u-op-1', 'u-admin-a']);
    // The reason given is kept with the audit row and shown with the record; none given, none shown.
    expect(detail.body.rePushes.map((r: { reason: string | null }) => r.reason)).toEqual([
      '平台补传：省平台停机',
      null,
    ]);
  });

  it('pages the records in capture order with the last serial of the previous page', async () => {
    const reader: Who = { role: 'enterprise-staff', enterprises: ['ent-a'] };
    const page = async (query: string) => {
      const { status, body } = await get(`/enterprises/ent-a/upload/records?${query}`, reader);
      expect(status).toBe(200);
      return (body as { serial: string }[]).map((r) => r.serial);
    };
    const all = await page('limit=10');
    expect(all).toEqual(passages.map((p) => deriveSerial(p)));
    const first = await page('limit=3');
    expect(first).toEqual(all.slice(0, 3));
    expect(await page(`limit=3&after=${first[2]}`)).toEqual(all.slice(3));
    expect(await page(`limit=3&after=${all[3]}`)).toEqual([]);
    // The re-pushes above are acknowledged again a moment after the platform has them.
    await expectEventually(async () =>
      expect(await page(`state=acknowledged&limit=2&after=${all[1]}`)).toEqual(all.slice(2, 4)),
    );
    expect(await get('/enterprises/ent-a/upload/records?after=no-such-serial', reader)).toMatchObject({
      status: 404,
      body: { code: 'record-not-found' },
    });
  });
  it('route matrix: every documented route, called by every caller, answers as the policy table says', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as OpenApiDocument;
    const matrix = await checkRouteMatrix(service.url, document, POLICY['provincial-upload'], issuer);
    expect(matrix).toMatchObject({ mismatches: [], unlisted: [], undocumented: [] });
    expect(matrix.calls).toBeGreaterThan(80);
  });
});
