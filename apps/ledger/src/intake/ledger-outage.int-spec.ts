import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TestIssuer } from '@ecogate/auth';
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
  type DataSource,
  createTemporaryDatabase,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import {
  CuttableProxy,
  expectEventually,
  kafkaClientOptions,
  kafkaTestMessaging,
  loadInfraEnv,
  loadKafkaPrincipals,
  outageSeconds,
  releaseAll,
} from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import { LEDGER_CONSUMER_GROUP } from './barrier-decided.consumer';
import { type LedgerService, startLedgerService } from '../start-ledger-service';
import { aDecision, LEDGER_IT_CLIENT, serviceConfig } from '../testing/ledger-test-kit';

// ADR 0005: a database outage in the middle of a stream pauses the intake; nothing is lost,
// doubled or dead-lettered. OUTAGE_S=60 (or LEDGER_OUTAGE_S=60) runs the outage the issue asks for.
// The ledger runs as its own Kafka principal `ledger` (ADR 0006), with its row of the ACL table
// (deploy/local/kafka-acls.json) granted under this test's topic prefix, as a city's prefix would be:
// its dead-letter replay must work without WRITE on the decisions topic.
const OUTAGE_S = outageSeconds(20, 'LEDGER_OUTAGE_S');
const DECISIONS = 300;
const DECIDED = 'gate.barrier.decided.v1';
const RECORDED = 'ledger.passage.recorded.v1';
const logger = createLogger({ service: 'ledger-outage-it', level: 'silent' });

// kafkajs's AclPermissionTypes.ALLOW: apps do not import kafkajs (module boundaries).
const ALLOW = 3;
/** [resourceType, patternType, resourceName, operation] as kafkajs numbers. */
type AclBinding = [number, number, string, number];
interface AclTableEntry {
  write: string[];
  read: string[];
  groups: string[];
  readerGroups: string[];
}
// The one ACL table and its bindings (ADR 0006), from the infra script itself, not a copy of it.
const ACLS_SCRIPT = join(__dirname, '../../../../deploy/local/kafka-acls.js');
const { bindingsOf, readTable } = createRequire(__filename)(ACLS_SCRIPT) as {
  bindingsOf(entry: AclTableEntry, prefix: string): AclBinding[];
  readTable(file: string): [string, AclTableEntry][];
};

// Generous: after the cut the backlog drains at the loaded machine's pace, not a quiet one's.
// The backlog's wait fails on a stall, not on a slow machine; this only bounds a hung run.
jest.setTimeout(OUTAGE_S * 1000 + 400_000);

describe('ledger intake while its database is away', () => {
  const infra = loadInfraEnv();
  const brokers = infra.KAFKA_BROKERS.split(',');
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  const kafka = createKafka({
    ...kafkaClientOptions(infra),
    clientId: 'ledger-outage-it',
    topicPrefix,
    logger,
  });
  const recorded: EventEnvelope<typeof RECORDED>[] = [];
  const ledgerPassword = loadKafkaPrincipals()?.['ledger'];
  const ledgerSasl = { mechanism: 'scram-sha-512' as const, username: 'ledger', password: ledgerPassword! };
  const ledgerKafka = createKafka({
    ...kafkaClientOptions(infra),
    sasl: ledgerSasl,
    clientId: 'ledger-outage-it-as-ledger',
    topicPrefix,
    logger,
  });
  const ledgerRow = readTable(join(__dirname, '../../../../deploy/local/kafka-acls.json')).find(
    ([service]) => service === 'ledger',
  )![1];
  const ledgerAcls: AclBinding[] = bindingsOf(ledgerRow, topicPrefix).filter(([, , resource]) =>
    resource.startsWith(topicPrefix),
  );
  const aclOf = ([resourceType, resourcePatternType, resourceName, operation]: AclBinding) => ({
    principal: 'User:ledger',
    host: '*',
    permissionType: ALLOW,
    resourceType,
    resourcePatternType,
    resourceName,
    operation,
  });
  let database: TemporaryDatabase;
  let proxy: CuttableProxy;
  let direct: DataSource;
  let publisher: KafkaEventPublisher;
  let reader: KafkaEventConsumer;
  let service: LedgerService;

  const decide = (plate: string, decisionId = `d-${randomUUID()}`) =>
    publisher.publish(DECIDED, {
      enterpriseId: 'ent-a',
      key: `lane-${plate.slice(-1)}`,
      payload: aDecision({ decisionId, plate: { text: plate, colour: 'yellow' } }),
    });
  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await direct.query(sql, params)) as { n: string }[])[0]!.n);
  let issuer: TestIssuer;
  // The dead-letter routes are the city operators'; the replay audit names the token's subject.
  const api = async (path: string, init?: RequestInit) => {
    const authorization = await issuer.bearer({ role: 'city-operator', subject: 'ops.alice' });
    const headers = { ...(init?.headers as Record<string, string>), authorization };
    const response = await fetch(`${service.url}${path}`, { ...init, headers });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    expect(ledgerPassword).toBeDefined();
    const aclAdmin = kafka.admin();
    await aclAdmin.connect();
    // kafkajs types the enums as TS enums; the table's bindings are their numeric values.
    await aclAdmin.createAcls({ acl: ledgerAcls.map(aclOf) as never });
    await aclAdmin.disconnect();
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'ledger_outage_it');
    const migrator = createDataSource({
      url: database.url,
      entities: ledgerEntities,
      migrations: ledgerMigrations,
      logging: false,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    // The test reads the database directly; the service goes through the proxy the test cuts.
    direct = createDataSource({ url: database.url, entities: [], migrations: [], logging: false });
    await direct.initialize();
    const target = new URL(database.url);
    proxy = await new CuttableProxy(target.hostname, Number(target.port)).start();
    await ensureTopics(
      kafka,
      [DECIDED, RECORDED, ...consumerGroupTopics('ledger-outage-reader')].map((t) => ({
        name: `${topicPrefix}${t}`,
      })),
    );
    // The ACLs reach the broker through the metadata log: wait until the ledger may describe its topics.
    await expectEventually(
      () =>
        ensureTopics(
          ledgerKafka,
          [DECIDED, RECORDED, ...consumerGroupTopics(LEDGER_CONSUMER_GROUP)].map((t) => ({
            name: `${topicPrefix}${t}`,
          })),
        ),
      { timeoutMs: 15_000 },
    );
    publisher = new KafkaEventPublisher(kafka, { topicPrefix });
    await publisher.connect();
    reader = new KafkaEventConsumer(
      kafka,
      { topicPrefix, logger },
      {
        groupId: 'ledger-outage-reader',
        handlers: { [RECORDED]: async (event: EventEnvelope<typeof RECORDED>) => void recorded.push(event) },
      },
    );
    await reader.start();
    await reader.ready();
    issuer = await TestIssuer.start();
    const config = serviceConfig({
      databaseUrl: proxy.url(database.url),
      brokers,
      topicPrefix,
      verifier: issuer.verifierOptions,
    });
    service = await startLedgerService(
      {
        ...config,
        messaging: {
          kind: 'kafka',
          kafka: {
            ...kafkaTestMessaging({ clientId: LEDGER_IT_CLIENT, brokers, topicPrefix }).kafka,
            sasl: ledgerSasl,
          },
        },
        retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
        outageBackoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
      },
      logger,
    );
    await service.ready();
  });

  afterAll(() =>
    releaseAll(
      () => service?.close(),
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => direct?.destroy(),
      () => proxy?.stop(),
      () => database?.drop(),
      () => issuer?.close(),
      async () => {
        const aclAdmin = kafka.admin();
        await aclAdmin.connect();
        await aclAdmin.deleteAcls({ filters: ledgerAcls.map(aclOf) as never });
        await aclAdmin.disconnect();
      },
    ),
  );

  it(`records ${DECISIONS} decisions exactly once across a ${OUTAGE_S} s outage, dead-letters none`, async () => {
    const plates = Array.from({ length: DECISIONS }, (_, i) => `冀O${String(10000 + i)}`);
    const third = DECISIONS / 3;
    for (const plate of plates.slice(0, third)) await decide(plate);
    await expectEventually(async () =>
      expect(await count(`SELECT count(*) AS n FROM "passages"`)).toBeGreaterThan(10),
    );

    proxy.cut();
    for (const plate of plates.slice(third, 2 * third)) await decide(plate);
    await expectEventually(async () => expect((await api('/health')).status).toBe(503), {
      timeoutMs: 15_000,
    });
    const degraded = await api('/health');
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      intake: { status: 'degraded', groupId: 'ledger' },
    });
    expect(JSON.stringify(degraded.body)).not.toContain('[object Object]');
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_S * 1000));
    proxy.restore();
    for (const plate of plates.slice(2 * third)) await decide(plate);
    const passages = () => count(`SELECT count(*) AS n FROM "passages" WHERE "plate" LIKE '冀O%'`);

    await expectEventually(
      async () => {
        expect(await passages()).toBe(DECISIONS);
        expect(new Set(recorded.map((e) => e.payload.passageId)).size).toBe(DECISIONS);
      },
      // Fail only when no passage was stored for 60 s: the backlog takes long on a loaded runner.
      {
        timeoutMs: 60_000,
        progress: passages,
      },
    );
    expect(await count(`SELECT count(DISTINCT "plate") AS n FROM "passages" WHERE "plate" LIKE '冀O%'`)).toBe(
      DECISIONS,
    );
    expect(await count(`SELECT count(*) AS n FROM "passage_decisions"`)).toBe(DECISIONS);
    // The relay may send an event again after an outage (at least once); never a second event id per passage.
    const idsPerPassage = new Map<string, Set<string>>();
    for (const e of recorded)
      idsPerPassage.set(
        e.payload.passageId,
        (idsPerPassage.get(e.payload.passageId) ?? new Set()).add(e.eventId),
      );
    expect([...idsPerPassage.values()].every((ids) => ids.size === 1)).toBe(true);
    expect((await api('/api/v1/operations/dead-letters')).body).toEqual({ items: [] });
    expect(await api('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('dead-letters a decision that cannot be recorded with a readable cause, and replays it once as the ledger', async () => {
    const plate = '冀P00001';
    // A fault of the data, not of the database: every attempt fails the same way until it is fixed.
    await direct.query(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'poison decision refused by the test' USING ERRCODE = 'P0001'; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON "passage_decisions" FOR EACH ROW
        WHEN (NEW."decision_id" LIKE 'poison-%') EXECUTE FUNCTION refuse_poison();`);
    const decisionId = `poison-${randomUUID()}`;
    await decide(plate, decisionId);

    let letters: { id: string; record: { cause: Record<string, unknown>; attempts: number } }[] = [];
    await expectEventually(async () => {
      letters = (await api('/api/v1/operations/dead-letters')).body.items;
      expect(letters).toHaveLength(1);
    });
    const [letter] = letters;
    expect(letter!.record.attempts).toBe(3);
    expect(letter!.record.cause).toMatchObject({
      name: 'QueryFailedError',
      code: 'P0001',
      message: expect.stringContaining('poison decision refused by the test'),
    });
    expect(JSON.stringify(letter)).not.toContain('[object Object]');
    expect(await count(`SELECT count(*) AS n FROM "passages" WHERE "plate" = $1`, [plate])).toBe(0);

    const replay = (body: object) =>
      api('/api/v1/operations/dead-letters/replay', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(await replay({ ids: ['x'], reason: 'bad id' })).toMatchObject({
      status: 400,
      body: { code: 'invalid-request' },
    });
    expect((await api('/api/v1/operations/dead-letters/replay', { method: 'POST', body: '{}' })).status).toBe(
      400,
    );

    // The old replay target: the ledger's principal may not write decisions (only barrier-control may).
    const forger = ledgerKafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await forger.connect();
    await expect(
      forger.send({ topic: `${topicPrefix}${DECIDED}`, acks: -1, messages: [{ value: '{}' }] }),
    ).rejects.toThrow(/not authorized/i);
    await forger.disconnect();

    await direct.query(`DROP TRIGGER refuse_poison ON "passage_decisions"`);
    const first = await replay({ ids: [letter!.id], reason: 'trigger removed, record it' });
    expect(first).toMatchObject({
      status: 200,
      body: {
        replayed: [
          {
            deadLetterId: letter!.id,
            operator: 'ops.alice',
            reason: 'trigger removed, record it',
            to: { topic: `${topicPrefix}ledger.replay.v1` },
            original: { topic: `${topicPrefix}${DECIDED}` },
          },
        ],
        skipped: [],
      },
    });
    await expectEventually(async () =>
      expect(await count(`SELECT count(*) AS n FROM "passages" WHERE "plate" = $1`, [plate])).toBe(1),
    );
    // Once: a second replay is refused, a forced one is absorbed by the intake's idempotency.
    expect((await replay({ ids: [letter!.id], reason: 'again' })).body).toEqual({
      replayed: [],
      skipped: [{ id: letter!.id, why: 'already-replayed' }],
    });
    expect((await replay({ ids: [letter!.id], reason: 'forced', force: true })).body.replayed).toHaveLength(
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await count(`SELECT count(*) AS n FROM "passages" WHERE "plate" = $1`, [plate])).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM "audit_log" WHERE "entity_type" = 'dead-letter' AND "actor" = 'ops.alice' AND "action" = 'replay'`,
      ),
    ).toBe(2);
    expect((await api('/api/v1/operations/dead-letters')).body.items).toEqual([
      expect.objectContaining({
        id: letter!.id,
        replayed: expect.objectContaining({ operator: 'ops.alice' }),
      }),
    ]);
  });
});
