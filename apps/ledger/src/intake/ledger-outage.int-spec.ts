import { randomUUID } from 'node:crypto';
import { type EventEnvelope } from '@ecogate/contracts';
import {
  createKafka,
  deadLetterTopic,
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
  loadInfraEnv,
  outageSeconds,
  releaseAll,
} from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import { type LedgerService, startLedgerService } from '../start-ledger-service';
import { aDecision, serviceConfig } from '../testing/ledger-test-kit';

// ADR 0005: a database outage in the middle of a stream pauses the intake; nothing is lost,
// doubled or dead-lettered. OUTAGE_S=60 (or LEDGER_OUTAGE_S=60) runs the outage the issue asks for.
const OUTAGE_S = outageSeconds(20, 'LEDGER_OUTAGE_S');
const DECISIONS = 300;
const DECIDED = 'gate.barrier.decided.v1';
const RECORDED = 'ledger.passage.recorded.v1';
const logger = createLogger({ service: 'ledger-outage-it', level: 'silent' });

jest.setTimeout(OUTAGE_S * 1000 + 70_000);

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
  const api = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${service.url}${path}`, init);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
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
      [DECIDED, RECORDED, deadLetterTopic('ledger-outage-reader')].map((t) => ({
        name: `${topicPrefix}${t}`,
      })),
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
    service = await startLedgerService(
      {
        ...serviceConfig({ databaseUrl: proxy.url(database.url), brokers, topicPrefix }),
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

    await expectEventually(
      async () => {
        expect(await count(`SELECT count(*) AS n FROM "passages" WHERE "plate" LIKE '冀O%'`)).toBe(DECISIONS);
        expect(new Set(recorded.map((e) => e.payload.passageId)).size).toBe(DECISIONS);
      },
      { timeoutMs: 45_000 },
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

  it('dead-letters a decision that cannot be recorded with a readable cause, and replays it once', async () => {
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
        headers: { 'content-type': 'application/json', 'x-operator-id': 'ops.alice' },
        body: JSON.stringify(body),
      });
    expect(await replay({ ids: ['x'], reason: 'bad id' })).toMatchObject({
      status: 400,
      body: { code: 'invalid-request' },
    });
    expect((await api('/api/v1/operations/dead-letters/replay', { method: 'POST', body: '{}' })).status).toBe(
      400,
    );

    await direct.query(`DROP TRIGGER refuse_poison ON "passage_decisions"`);
    const first = await replay({ ids: [letter!.id], reason: 'trigger removed, record it' });
    expect(first).toMatchObject({
      status: 200,
      body: {
        replayed: [{ deadLetterId: letter!.id, operator: 'ops.alice', reason: 'trigger removed, record it' }],
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
