import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Principal } from '@ecogate/auth';
import { type EventEnvelope } from '@ecogate/contracts';
import {
  consumerGroupTopics,
  createKafka,
  ensureTopics,
  KafkaEventConsumer,
  KafkaEventPublisher,
} from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  findPendingSchemaChanges,
  OutboxRelay,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  kafkaClientOptions,
  loadInfraEnv,
  loadKafkaPrincipals,
  releaseAll,
} from '@ecogate/testing';
import { ENTERPRISE_TOPIC } from './enterprise-events';
import { enterpriseEntities, enterpriseMigrations } from './index';
import { type EnterpriseApp, startEnterpriseApp } from './testing/enterprise-app';

// The directory against Postgres and Kafka. The relay publishes as the gateway's own principal with
// the ACLs of deploy/local/kafka-acls.json, granted under this test's topic prefix.
jest.setTimeout(90_000);

const logger = createLogger({ service: 'gateway-enterprises-it', level: 'silent' });
const ALLOW = 3; // kafkajs AclPermissionTypes.ALLOW (apps do not import kafkajs)
type AclBinding = [number, number, string, number];
interface AclTableEntry {
  write: string[];
  read: string[];
  groups: string[];
  readerGroups: string[];
}
const DEPLOY = join(__dirname, '../../../../deploy/local');
const { bindingsOf, readTable } = createRequire(__filename)(join(DEPLOY, 'kafka-acls.js')) as {
  bindingsOf(entry: AclTableEntry, prefix: string): AclBinding[];
  readTable(file: string): [string, AclTableEntry][];
};

const READER = 'gateway-it-reader';
const TENCENT = '91440300708461136T';
const XIAOMI = '91110108551385082Q';
const SHIJIAZHUANG_CHANG_AN = '130102';
const SHIJIAZHUANG_QIAO_XI = '130104';

const registration = (overrides: Record<string, unknown> = {}) => ({
  creditCode: TENCENT,
  name: '石家庄钢铁有限责任公司',
  industry: 'steel',
  districtCode: SHIJIAZHUANG_CHANG_AN,
  performanceClass: 'A',
  retention: { videoDays: 180, ledgerDays: 365 },
  ...overrides,
});

describe('enterprise directory against Postgres and Kafka', () => {
  const infra = loadInfraEnv();
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  const admin = createKafka({ ...kafkaClientOptions(infra), clientId: 'gateway-it', topicPrefix, logger });
  const gatewayPassword = loadKafkaPrincipals()?.['gateway'];
  const gatewayKafka = createKafka({
    ...kafkaClientOptions(infra),
    sasl: { mechanism: 'scram-sha-512', username: 'gateway', password: gatewayPassword! },
    clientId: 'gateway-it-as-gateway',
    topicPrefix,
    logger,
  });
  const gatewayRow = readTable(join(DEPLOY, 'kafka-acls.json')).find(([name]) => name === 'gateway');
  const acls = gatewayRow
    ? bindingsOf(gatewayRow[1], topicPrefix)
        .filter(([, , resource]) => resource.startsWith(topicPrefix))
        .map(([resourceType, resourcePatternType, resourceName, operation]) => ({
          principal: 'User:gateway',
          host: '*',
          permissionType: ALLOW,
          resourceType,
          resourcePatternType,
          resourceName,
          operation,
        }))
    : [];
  const events: EventEnvelope<typeof ENTERPRISE_TOPIC>[] = [];
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let api: EnterpriseApp;
  let publisher: KafkaEventPublisher;
  let relay: OutboxRelay;
  let reader: KafkaEventConsumer;

  const call = async (
    method: string,
    path: string,
    as: Partial<Principal> & Pick<Principal, 'role'>,
    body?: unknown,
  ) => {
    const response = await fetch(`${api.url}/api/gateway/v1/enterprises${path}`, {
      method,
      headers: {
        authorization: await api.issuer.bearer(as),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const cityAdmin = { role: 'city-admin', subject: 'admin-wang' } as const;
  const rows = (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> =>
    dataSource.query(sql, params);

  beforeAll(async () => {
    expect(gatewayRow).toBeDefined();
    expect(gatewayRow![1].write).toContain(ENTERPRISE_TOPIC);
    expect(gatewayPassword).toBeDefined();
    const aclAdmin = admin.admin();
    await aclAdmin.connect();
    await aclAdmin.createAcls({ acl: acls as never });
    await aclAdmin.disconnect();
    await ensureTopics(
      admin,
      [ENTERPRISE_TOPIC, ...consumerGroupTopics(READER)].map((name) => ({ name: `${topicPrefix}${name}` })),
    );

    database = await createTemporaryDatabase(infra.DATABASE_URL, 'gateway_enterprises_it');
    dataSource = createDataSource({
      url: database.url,
      entities: enterpriseEntities,
      migrations: enterpriseMigrations,
      logging: false,
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    api = await startEnterpriseApp(dataSource);

    publisher = new KafkaEventPublisher(gatewayKafka, { topicPrefix });
    await publisher.connect();
    relay = new OutboxRelay(
      dataSource,
      async (batch) => {
        for (const row of batch) await publisher.publishEnvelope(row.payload as EventEnvelope, row.key);
      },
      { pollIntervalMs: 100 },
    );
    relay.start();
    reader = new KafkaEventConsumer(
      admin,
      { topicPrefix, logger },
      {
        groupId: READER,
        handlers: {
          [ENTERPRISE_TOPIC]: async (event: EventEnvelope<typeof ENTERPRISE_TOPIC>) =>
            void events.push(event),
        },
      },
    );
    await reader.start();
    await reader.ready();
  });

  afterAll(() =>
    releaseAll(
      () => relay?.stop(),
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => api?.close(),
      () => dataSource?.destroy(),
      () => database?.drop(),
      async () => {
        const aclAdmin = admin.admin();
        await aclAdmin.connect();
        await aclAdmin.deleteAcls({ filters: acls as never });
        await aclAdmin.disconnect();
      },
    ),
  );

  it('has a migration for every column of the entities', async () => {
    expect(await findPendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('registers: the row, the outbox message in the same commit, then the event with the full record', async () => {
    const registered = await call('POST', '', cityAdmin, registration({ id: 'ent-sjz-steel' }));
    expect(registered).toMatchObject({
      status: 201,
      body: {
        id: 'ent-sjz-steel',
        creditCode: TENCENT,
        districtCode: SHIJIAZHUANG_CHANG_AN,
        active: true,
        revision: 1,
        registeredBy: 'admin-wang',
      },
    });
    expect(
      await rows(`SELECT "name", "credit_code" FROM "enterprises" WHERE "id" = $1`, ['ent-sjz-steel']),
    ).toEqual([{ name: '石家庄钢铁有限责任公司', credit_code: TENCENT }]);
    const outbox = await rows(`SELECT "topic", "message_key", "payload" FROM "outbox" ORDER BY "id"`);
    expect(outbox).toEqual([
      expect.objectContaining({ topic: ENTERPRISE_TOPIC, message_key: 'ent-sjz-steel' }),
    ]);

    await expectEventually(() => expect(events).toHaveLength(1), { timeoutMs: 30_000 });
    expect(events[0]).toMatchObject({
      type: ENTERPRISE_TOPIC,
      enterpriseId: 'ent-sjz-steel',
      payload: {
        enterpriseId: 'ent-sjz-steel',
        creditCode: TENCENT,
        name: '石家庄钢铁有限责任公司',
        industry: 'steel',
        districtCode: SHIJIAZHUANG_CHANG_AN,
        performanceClass: 'A',
        retention: { videoDays: 180, ledgerDays: 365 },
        active: true,
        change: 'registered',
        revision: 1,
      },
    });
  });

  it('refuses a credit code with a wrong check character: 400 with the reason, nothing stored', async () => {
    const before = await rows(`SELECT count(*)::int AS n FROM "outbox"`);
    const refused = await call('POST', '', cityAdmin, registration({ creditCode: '91440300708461136A' }));
    expect(refused).toEqual({
      status: 400,
      body: { code: 'invalid-credit-code', reason: expect.stringContaining('should be T') },
    });
    expect(
      await rows(`SELECT 1 FROM "enterprises" WHERE "credit_code" = $1`, ['91440300708461136A']),
    ).toEqual([]);
    expect(await rows(`SELECT count(*)::int AS n FROM "outbox"`)).toEqual(before);
  });

  it.each([
    [
      'a video retention below 180 days',
      { retention: { videoDays: 90, ledgerDays: 365 } },
      'below-retention-floor',
    ],
    ['a district that is no division code', { districtCode: '999999' }, 'invalid-district'],
    ['an unknown performance class', { performanceClass: 'AAA' }, 'invalid-request'],
    ['an unknown field', { owner: 'someone' }, 'invalid-request'],
  ])('refuses %s with 400', async (_case, overrides, code) => {
    const refused = await call('POST', '', cityAdmin, registration({ creditCode: XIAOMI, ...overrides }));
    expect(refused).toMatchObject({ status: 400, body: { code, reason: expect.any(String) } });
    expect(await rows(`SELECT 1 FROM "enterprises" WHERE "credit_code" = $1`, [XIAOMI])).toEqual([]);
  });

  it('refuses a second registration of the same credit code (or id) with 409', async () => {
    const again = await call(
      'POST',
      '',
      cityAdmin,
      registration({ id: 'ent-other', creditCode: ` ${TENCENT.toLowerCase()}` }),
    );
    expect(again).toMatchObject({ status: 409, body: { code: 'enterprise-exists' } });
    const sameId = await call(
      'POST',
      '',
      cityAdmin,
      registration({ id: 'ent-sjz-steel', creditCode: XIAOMI }),
    );
    expect(sameId).toMatchObject({ status: 409, body: { code: 'enterprise-exists' } });
    expect(await rows(`SELECT "id" FROM "enterprises" ORDER BY "id"`)).toEqual([{ id: 'ent-sjz-steel' }]);
  });

  it('updates with optimistic concurrency and publishes the new record', async () => {
    const updated = await call('PATCH', '/ent-sjz-steel', cityAdmin, {
      performanceClass: 'B',
      retention: { videoDays: 365, ledgerDays: 730 },
      expectedRevision: 1,
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { performanceClass: 'B', retention: { videoDays: 365, ledgerDays: 730 }, revision: 2 },
    });
    expect(
      await call('PATCH', '/ent-sjz-steel', cityAdmin, { name: 'x', expectedRevision: 1 }),
    ).toMatchObject({ status: 409, body: { code: 'revision-conflict' } });
    expect(await call('PATCH', '/ent-nowhere', cityAdmin, { name: 'x' })).toMatchObject({
      status: 404,
      body: { code: 'enterprise-not-found' },
    });
    await expectEventually(() =>
      expect(events.map((e) => [e.payload.change, e.payload.revision])).toEqual([
        ['registered', 1],
        ['updated', 2],
      ]),
    );
    expect(
      api.audited
        .filter((entry) => entry.enterpriseId === 'ent-sjz-steel')
        .map((entry) => [entry.action, entry.actor, entry.before?.revision, entry.after.revision]),
    ).toEqual([
      ['registered', 'admin-wang', undefined, 1],
      ['updated', 'admin-wang', 1, 2],
    ]);
    expect(events[1]?.payload).toMatchObject({
      performanceClass: 'B',
      retention: { videoDays: 365, ledgerDays: 730 },
    });
  });

  it('answers an inspector for their districts only; the directory gives their enterprise ids', async () => {
    await api.directory.register(
      {
        id: 'ent-qx-glass',
        creditCode: XIAOMI,
        name: '桥西玻璃厂',
        industry: 'glass',
        districtCode: SHIJIAZHUANG_QIAO_XI,
        performanceClass: 'leading',
        retention: { videoDays: 180, ledgerDays: 365 },
      },
      'admin-wang',
    );
    expect(await api.directory.enterpriseIdsInDistricts([SHIJIAZHUANG_CHANG_AN])).toEqual(['ent-sjz-steel']);
    expect(
      await api.directory.enterpriseIdsInDistricts([SHIJIAZHUANG_CHANG_AN, SHIJIAZHUANG_QIAO_XI]),
    ).toEqual(['ent-qx-glass', 'ent-sjz-steel']);
    expect(await api.directory.enterpriseIdsInDistricts(['130105'])).toEqual([]);
    expect(await api.directory.exists('ent-qx-glass')).toBe(true);
    expect(await api.directory.exists('ent-nowhere')).toBe(false);

    const inspector = {
      role: 'inspector',
      districts: [SHIJIAZHUANG_QIAO_XI],
      enterprises: await api.directory.enterpriseIdsInDistricts([SHIJIAZHUANG_QIAO_XI]),
    } as const;
    const list = await call('GET', '', inspector);
    expect(list).toMatchObject({ status: 200, body: { total: 1, items: [{ id: 'ent-qx-glass' }] } });
    expect((await call('GET', '/ent-qx-glass', inspector)).status).toBe(200);
    expect(await call('GET', '/ent-sjz-steel', inspector)).toMatchObject({ status: 404 });
    expect(await call('POST', '', inspector, registration())).toMatchObject({
      status: 403,
      body: { code: 'forbidden' },
    });
    expect(await call('GET', '', { role: 'enterprise-admin', enterprises: ['ent-qx-glass'] })).toMatchObject({
      status: 403,
    });
  });

  it('lists with filters and paging for city-wide roles', async () => {
    const operator = { role: 'city-operator' } as const;
    const all = await call('GET', '?pageSize=1', operator);
    expect(all.body).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ id: 'ent-qx-glass' }] });
    expect(
      (await call('GET', '?pageSize=1&page=2', operator)).body.items.map((e: { id: string }) => e.id),
    ).toEqual(['ent-sjz-steel']);
    expect((await call('GET', `?districtCode=${SHIJIAZHUANG_CHANG_AN}`, operator)).body.total).toBe(1);
    expect((await call('GET', '?industry=glass&performanceClass=leading', operator)).body.total).toBe(1);
    expect((await call('GET', `?name=${encodeURIComponent('玻璃')}`, operator)).body.items[0].id).toBe(
      'ent-qx-glass',
    );
    expect(await call('GET', '?pageSize=1000', operator)).toMatchObject({
      status: 400,
      body: { code: 'invalid-request' },
    });
  });

  it('deactivates: the enterprise leaves every scope, stays readable, and the event says so', async () => {
    const done = await call('POST', '/ent-qx-glass/deactivation', cityAdmin);
    expect(done).toMatchObject({ status: 200, body: { active: false, revision: 2 } });
    expect(await api.directory.exists('ent-qx-glass')).toBe(false);
    expect(await api.directory.enterpriseIdsInDistricts([SHIJIAZHUANG_QIAO_XI])).toEqual([]);
    expect(await call('PATCH', '/ent-qx-glass', cityAdmin, { name: 'y' })).toMatchObject({
      status: 409,
      body: { code: 'enterprise-inactive' },
    });
    await expectEventually(() =>
      expect(
        events.find((e) => e.enterpriseId === 'ent-qx-glass' && e.payload.change === 'deactivated')?.payload,
      ).toMatchObject({ active: false, revision: 2 }),
    );
  });
});
