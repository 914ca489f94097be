import { randomUUID } from 'node:crypto';
import { TestIssuer } from '@ecogate/auth';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  openPostgresEventLog,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createObjectStorage, verifySignedLink } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  loadInfraEnv,
  type Profile,
  PROFILES,
  releaseAll,
  type TestProfile,
  testProfile,
} from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from './ledger.data-source';
import { partitionOf } from './partitions/passage-partitions';
import { PassageRetention } from './retention/passage-retention';
import { startLedgerService, type LedgerService } from './start-ledger-service';
import {
  aDecision,
  memberOf,
  LEDGER_IT_CLIENT,
  serviceConfig,
  type TestCaller,
} from './testing/ledger-test-kit';

// A broker restart is out of scope here (the messaging lib's own tests cover reconnects); the
// consumer restart below is what this file proves.
const DECISIONS = 200;
const DECIDED = 'gate.barrier.decided.v1';
const RECORDED = 'ledger.passage.recorded.v1';
const logger = createLogger({ service: 'ledger-it', level: 'silent' });

jest.setTimeout(90_000);

/**
 * The ledger on a fresh database with the adapters of `profile` (ADR 0008), fed and read by the
 * test through a transport of the same profile and settings: Kafka and MinIO, or the embedded event
 * log (on a temporary database) and the filesystem store (in a temporary directory).
 */
function useLedger(profile: Profile) {
  const infra = loadInfraEnv();
  const brokers = infra.KAFKA_BROKERS.split(',');
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  let settings: TestProfile;
  let transport: MessagingTransport;
  let database: TemporaryDatabase;
  let publisher: ConnectablePublisher;
  let reader: EventConsumer;
  const services: LedgerService[] = [];
  const recorded: EventEnvelope<typeof RECORDED>[] = [];
  let issuer: TestIssuer;
  const config = () =>
    serviceConfig({
      databaseUrl: database.url,
      brokers,
      topicPrefix,
      verifier: issuer.verifierOptions,
      profile: settings,
    });

  const start = async () => {
    const service = await startLedgerService(config(), logger);
    services.push(service);
    await service.ready();
    return service;
  };
  const decide = (decision: PayloadOf<typeof DECIDED>) =>
    publisher.publish(DECIDED, {
      enterpriseId: decision.lane.enterpriseId,
      key: decision.lane.laneId,
      payload: decision,
    });
  const cityAdmin: TestCaller = { role: 'city-admin', subject: 'city-admin-1' };
  const api = async (service: LedgerService, path: string, init?: RequestInit, caller = cityAdmin) =>
    fetch(`${service.url}/api/v1${path}`, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), authorization: await issuer.bearer(caller) },
    }).then(async (r) => ({
      status: r.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
      body: (await r.json()) as any,
    }));
  const eventsFor = (passageId: string) => recorded.filter((e) => e.payload.passageId === passageId);
  const passageRows = (plate: string): Promise<{ id: string; state: string }[]> =>
    services[0]!.dataSource.query(`SELECT "id", "state" FROM "passages" WHERE "plate" = $1`, [plate]);

  beforeAll(async () => {
    issuer = await TestIssuer.start(['barrier-control']);
    settings = await testProfile(profile, {
      clientId: LEDGER_IT_CLIENT,
      name: 'ledger-it',
      topicPrefix,
      createDatabase: createTemporaryDatabase,
    });
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'ledger_it');
    const migrator = createDataSource({
      url: database.url,
      entities: ledgerEntities,
      migrations: ledgerMigrations,
      logging: false,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    transport = await createMessagingTransport(settings.messaging, {
      logger,
      openEventLog: openPostgresEventLog,
    });
    reader = transport.createConsumer({
      groupId: 'ledger-it-reader',
      handlers: { [RECORDED]: async (event: EventEnvelope<typeof RECORDED>) => void recorded.push(event) },
    });
    await transport.ensureTopics(
      [transport.physicalTopic(DECIDED), ...reader.topics()].map((name) => ({ name })),
    );
    publisher = transport.createPublisher();
    await publisher.connect();
    await reader.start();
    await reader.ready();
    await start();
  });

  afterAll(() =>
    releaseAll(
      // A test may already have closed (crashed) a service.
      ...services.reverse().map((service) => () => service.close().catch(() => undefined)),
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => transport?.close(),
      () => database?.drop(),
      () => settings?.release(),
      () => issuer?.close(),
    ),
  );

  return {
    services,
    recorded,
    config,
    start,
    decide,
    api,
    eventsFor,
    passageRows,
    publishEnvelope: (envelope: EventEnvelope, key: string) => publisher.publishEnvelope(envelope, key),
    settings: () => settings,
    bearer: (caller: TestCaller = cityAdmin) => issuer.bearer(caller),
  };
}

describe.each(PROFILES)('ledger on the %s profile', (profile) => {
  const { services, decide, api, eventsFor, passageRows, settings, bearer } = useLedger(profile);

  it('pairs an allowed entry and exit into one passage and publishes each direction', async () => {
    const plate = '冀B10001';
    const entry = aDecision({ plate: { text: plate, colour: 'yellow' } });
    await decide(entry);
    await expectEventually(async () =>
      expect(await passageRows(plate)).toEqual([expect.objectContaining({ state: 'inside' })]),
    );
    const exit = aDecision({ direction: 'out', plate: { text: plate, colour: 'yellow' } });
    await decide(exit);
    await expectEventually(async () =>
      expect(await passageRows(plate)).toEqual([expect.objectContaining({ state: 'completed' })]),
    );
    const [row] = await passageRows(plate);
    await expectEventually(() => expect(eventsFor(row!.id)).toHaveLength(2));
    expect(
      eventsFor(row!.id).map((e) => [e.payload.direction, e.payload.revision, e.payload.emissionStage]),
    ).toEqual([
      ['in', 1, 'VI'],
      ['out', 1, 'VI'],
    ]);
    const { status, body } = await api(services[0]!, `/enterprises/ent-a/passages/${row!.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      state: 'completed',
      entryDecisionId: entry.decisionId,
      exitDecisionId: exit.decisionId,
    });
  });

  it('keeps a vehicle document in the profile’s object store and links to it', async () => {
    const plate = '冀B10008';
    const clerk = memberOf('ent-a', 'enterprise-admin', 'clerk-5');
    const path = `/enterprises/ent-a/vehicles/${encodeURIComponent(plate)}`;
    const registered = await api(
      services[0]!,
      path,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"plateColour":"yellow"}' },
      clerk,
    );
    expect(registered.status).toBe(200);
    const pdf = Buffer.from(`%PDF-1.4\n% ${profile}\ntrailer << >>\n%%EOF\n`);
    const stored = await api(
      services[0]!,
      `${path}/documents/driving-licence`,
      { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: new Uint8Array(pdf) },
      clerk,
    );
    expect(stored).toMatchObject({
      status: 200,
      body: { contentType: 'application/pdf', bytes: pdf.length },
    });
    const link = await api(services[0]!, `${path}/documents/driving-licence`);
    expect(link.status).toBe(200);
    const { url, document } = link.body as { url: string; document: { bucket: string; key: string } };
    const objectStorage = settings().objectStorage;
    if (objectStorage.kind === 'minio') {
      // A presigned URL: MinIO serves it to whoever holds it.
      expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(pdf)).toBe(true);
      return;
    }
    // A signed link to the gateway's route: what the gateway checks, then streams from the store.
    const { signedLinks } = objectStorage;
    const granted = verifySignedLink(url, {
      baseUrl: signedLinks.baseUrl,
      secret: signedLinks.secret.reveal(),
    });
    expect(granted).toMatchObject({ bucket: document.bucket, key: document.key });
    const body = await createObjectStorage(objectStorage).get(granted.bucket, granted.key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
  });

  it('redirects a browser to a short-lived link of a passage photo in the profile’s store', async () => {
    const objectStorage = settings().objectStorage;
    const store = createObjectStorage(objectStorage);
    const bucket = `ledger-it-photos-${randomUUID().slice(0, 8)}`;
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`scene ${profile}`)]);
    const key = `ent-a/site-1/${randomUUID()}.jpg`;
    await store.ensureBucket(bucket);
    await store.put(bucket, key, jpeg, { contentType: 'image/jpeg' });
    const scene = { bucket, key, sha256: 'd'.repeat(64), contentType: 'image/jpeg', bytes: jpeg.length };
    const plate = '冀B10009';
    const decision = aDecision({ plate: { text: plate, colour: 'yellow' }, images: { scene } });
    await decide(decision);
    const [row] = await expectEventually(async () => {
      const rows = await passageRows(plate);
      expect(rows).toHaveLength(1);
      return rows;
    });
    for (const path of [
      `passages/${row!.id}/photos/entry/scene`,
      `decisions/${decision.decisionId}/photos/scene`,
    ]) {
      const answer = await fetch(`${services[0]!.url}/api/v1/enterprises/ent-a/${path}`, {
        redirect: 'manual',
        headers: { authorization: await bearer() },
      });
      expect(answer.status).toBe(302);
      expect(answer.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      const url = answer.headers.get('location')!;
      if (objectStorage.kind === 'minio') {
        expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(jpeg)).toBe(true);
        continue;
      }
      // A signed link to the gateway's /objects route: verified as the gateway does, then read.
      const granted = verifySignedLink(url, {
        baseUrl: objectStorage.signedLinks.baseUrl,
        secret: objectStorage.signedLinks.secret.reveal(),
      });
      expect(granted).toMatchObject({ bucket, key });
      const chunks: Buffer[] = [];
      for await (const chunk of await store.get(granted.bucket, granted.key)) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(jpeg)).toBe(true);
    }
  });
});

describe('ledger against Kafka and Postgres', () => {
  const { services, recorded, config, start, decide, api, eventsFor, passageRows, publishEnvelope } =
    useLedger('kafka');

  it('records a decision delivered three times once, and a deny as a refused attempt', async () => {
    const plate = '冀B10002';
    const decision = aDecision({ plate: { text: plate, colour: 'yellow' } });
    const envelope = await decide(decision);
    await publishEnvelope(envelope, 'lane-in');
    await publishEnvelope(envelope, 'lane-in');
    // The same decision in a new envelope (a new event id): the passage_decisions claim stops it.
    await decide(decision);
    const deny = aDecision({
      plate: { text: '冀B10003', colour: 'yellow' },
      verdict: 'deny',
      reasons: ['stage-below-minimum'],
    });
    await decide(deny);
    const [claimed] = await expectEventually(async () => {
      const rows: { n: string }[] = await services[0]!.dataSource.query(
        `SELECT count(*) AS n FROM "processed_events" WHERE "event_id" = $1`,
        [envelope.eventId],
      );
      const refusals: { n: string }[] = await services[0]!.dataSource.query(
        `SELECT count(*) AS n FROM "refused_attempts" WHERE "decision_id" = $1`,
        [deny.decisionId],
      );
      expect(refusals[0]!.n).toBe('1');
      return rows;
    });
    expect(claimed!.n).toBe('1');
    // The deny was published after the three copies on another key; give the copies time to arrive.
    await expectEventually(async () => expect(await passageRows(plate)).toHaveLength(1));
    const [row] = await passageRows(plate);
    await expectEventually(() => expect(eventsFor(row!.id)).toHaveLength(1));
    expect(await passageRows('冀B10003')).toHaveLength(0);
  });

  it('completes cargo and fleet with an audit row and a new revision; another enterprise gets 404', async () => {
    const plate = '冀B10004';
    await decide(aDecision({ plate: { text: plate, colour: 'yellow' } }));
    const [row] = await expectEventually(async () => {
      const rows = await passageRows(plate);
      expect(rows).toHaveLength(1);
      return rows;
    });
    const service = services[0]!;
    const patch = (enterprise: string, body: unknown, actor = 'clerk-1') =>
      api(
        service,
        `/enterprises/${enterprise}/passages/${row!.id}`,
        { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        memberOf(enterprise, 'enterprise-staff', actor),
      );
    const done = await patch('ent-a', { cargo: { name: '铁矿石', tonnes: 32.5 }, fleet: '自有' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ cargoName: '铁矿石', cargoTonnes: 32.5, fleet: '自有', revision: 2 });
    await expectEventually(() => expect(eventsFor(row!.id).map((e) => e.payload.revision)).toEqual([1, 2]));
    expect(eventsFor(row!.id)[1]!.payload).toMatchObject({
      cargo: { name: '铁矿石', tonnes: 32.5 },
      fleet: '自有',
    });
    const audits: unknown[] = await service.dataSource.query(
      `SELECT 1 FROM "audit_log" WHERE "entity_id" = $1 AND "actor" = 'clerk-1'`,
      [row!.id],
    );
    expect(audits).toHaveLength(1);

    expect((await patch('ent-a', { cargo: { name: '' } })).status).toBe(400);
    const foreign = await api(service, `/enterprises/ent-b/passages/${row!.id}`);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain(plate);
    expect((await patch('ent-b', { fleet: '个人' })).status).toBe(404);
    const list = await api(service, `/enterprises/ent-b/passages`);
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  it('records a late decision for a month without a partition by creating it', async () => {
    const plate = '冀B10006';
    const late = new Date(Date.now() - 150 * 86_400_000).toISOString();
    await decide(aDecision({ plate: { text: plate, colour: 'yellow' }, capturedAt: late, decidedAt: late }));
    const month = late.slice(0, 7).replace('-', '');
    await expectEventually(async () =>
      expect(
        await services[0]!.dataSource.query(
          `SELECT tableoid::regclass::text AS "partition" FROM "passages" WHERE "plate" = $1`,
          [plate],
        ),
      ).toEqual([{ partition: `passages_p${month}` }]),
    );
  });

  it('records a camera clock of 2000 at receipt time, flags the drift, and retention keeps it', async () => {
    const plate = '冀B10007';
    const before = Date.now();
    const wrongClock = '2000-01-01T00:00:00.000Z';
    await decide(aDecision({ plate: { text: plate, colour: 'yellow' }, capturedAt: wrongClock }));
    const [row] = await expectEventually(async () => {
      const rows = await passageRows(plate);
      expect(rows).toHaveLength(1);
      return rows;
    });
    const service = services[0]!;
    const { status, body } = await api(service, `/enterprises/ent-a/passages/${row!.id}`);
    expect(status).toBe(200);
    const passage = body as {
      capturedAt: string;
      receivedAt: string;
      entryCapturedAt: string;
      entryClockDriftMs: number;
    };
    // Recorded under the ledger's receipt time; the camera's time is kept as the drift.
    expect(passage.capturedAt).toBe(passage.receivedAt);
    expect(passage.entryCapturedAt).toBe(passage.receivedAt);
    expect(Date.parse(passage.receivedAt)).toBeGreaterThanOrEqual(before);
    expect(new Date(Date.parse(passage.entryCapturedAt) + passage.entryClockDriftMs).toISOString()).toBe(
      wrongClock,
    );
    const partitions: { partition: string }[] = await service.dataSource.query(
      `SELECT tableoid::regclass::text AS "partition" FROM "passages" WHERE "id" = $1`,
      [row!.id],
    );
    expect(partitions).toEqual([{ partition: partitionOf(new Date(passage.receivedAt)).name }]);

    const { retention } = config();
    const report = await new PassageRetention(service.dataSource, retention, logger).run(new Date());
    expect(report.dropped.map((d) => d.partition)).not.toContain('passages_p200001');
    expect(await passageRows(plate)).toEqual([expect.objectContaining({ id: row!.id })]);
  });

  it('holds back passages of an unknown stage and publishes them when the registry gets evidence', async () => {
    const plate = '冀B10005';
    const { stage: _stage, ...unknown } = aDecision({ plate: { text: plate, colour: 'yellow' } });
    await decide(unknown);
    const { stage: _exitStage, ...unknownExit } = aDecision({
      direction: 'out',
      plate: { text: plate, colour: 'yellow' },
    });
    await decide(unknownExit);
    const [row] = await expectEventually(async () => {
      const rows = await passageRows(plate);
      expect(rows).toEqual([expect.objectContaining({ state: 'completed' })]);
      return rows;
    });
    const service = services[0]!;
    const held: { stage: string | null; entry_revision: number; exit_revision: number }[] =
      await service.dataSource.query(
        `SELECT "stage", "entry_revision", "exit_revision" FROM "passages" WHERE "id" = $1`,
        [row!.id],
      );
    expect(held).toEqual([{ stage: null, entry_revision: 0, exit_revision: 0 }]);
    const outboxRows = async (): Promise<number> => {
      const [n] = (await service.dataSource.query(
        `SELECT count(*) AS n FROM "outbox" WHERE "payload"->'payload'->>'passageId' = $1`,
        [row!.id],
      )) as { n: string }[];
      return Number(n!.n);
    };
    expect(await outboxRows()).toBe(0);

    const registered = await api(
      service,
      `/enterprises/ent-a/vehicles/${encodeURIComponent(plate)}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          plateColour: 'yellow',
          stageEvidence: { stage: 'V', source: 'document', confirmed: true },
        }),
      },
      memberOf('ent-a', 'enterprise-admin', 'clerk-2'),
    );
    expect(registered.status).toBe(200);
    await expectEventually(() =>
      expect(
        eventsFor(row!.id).map((e) => [e.payload.direction, e.payload.revision, e.payload.emissionStage]),
      ).toEqual([
        ['in', 1, 'V'],
        ['out', 1, 'V'],
      ]),
    );
    const scored: { stage: string; stage_source: string; revision: number }[] =
      await service.dataSource.query(
        `SELECT "stage", "stage_source", "revision" FROM "passages" WHERE "id" = $1`,
        [row!.id],
      );
    expect(scored).toEqual([{ stage: 'V', stage_source: 'document', revision: 3 }]);
    // More evidence later publishes nothing again: the passage is no longer pending.
    await api(
      service,
      `/enterprises/ent-a/vehicles/${encodeURIComponent(plate)}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          plateColour: 'yellow',
          stageEvidence: { stage: 'VI', source: 'manual', confirmed: true },
        }),
      },
      memberOf('ent-a', 'enterprise-admin', 'clerk-2'),
    );
    expect(await outboxRows()).toBe(2);
  });

  it(`records ${DECISIONS} decisions exactly once while the consumer restarts midway`, async () => {
    const plates = Array.from({ length: DECISIONS }, (_, i) => `冀R${String(i).padStart(5, '0')}`);
    const count = async () => {
      const [row] = (await services[0]!.dataSource.query(
        `SELECT count(*) AS n, count(DISTINCT "entry_decision_id") AS d FROM "passages" WHERE "plate" LIKE '冀R%'`,
      )) as { n: string; d: string }[];
      return { n: Number(row!.n), d: Number(row!.d) };
    };
    const send = async (batch: string[]) => {
      for (const plate of batch) await decide(aDecision({ plate: { text: plate, colour: 'yellow' } }));
    };
    // First half while the consumer runs; it is stopped with part of it handled and more in flight.
    const firstHalf = send(plates.slice(0, DECISIONS / 2));
    const first = services.shift()!;
    await expectEventually(
      async () => {
        const [row] = (await first.dataSource.query(
          `SELECT count(*) AS n FROM "passages" WHERE "plate" LIKE '冀R%'`,
        )) as { n: string }[];
        expect(Number(row!.n)).toBeGreaterThanOrEqual(DECISIONS / 10);
      },
      { intervalMs: 10 },
    );
    await first.close();
    // Second half while no consumer runs; a new instance (same group, same database) takes over.
    await firstHalf;
    await send(plates.slice(DECISIONS / 2));
    await start();
    // Fail only when nothing was recorded for 45 s: the takeover and its backlog are slow on a loaded runner.
    await expectEventually(async () => expect(await count()).toEqual({ n: DECISIONS, d: DECISIONS }), {
      timeoutMs: 45_000,
      progress: async () => (await count()).n,
    });
    const passageIds: { id: string }[] = await services[0]!.dataSource.query(
      `SELECT "id" FROM "passages" WHERE "plate" LIKE '冀R%'`,
    );
    await expectEventually(
      () => {
        const published = new Set(
          recorded.filter((e) => e.payload.plate.text.startsWith('冀R')).map((e) => e.payload.passageId),
        );
        expect(published.size).toBe(DECISIONS);
      },
      { timeoutMs: 30_000 },
    );
    expect(passageIds).toHaveLength(DECISIONS);
  }, 400_000); // its backlog wait fails on a stall; this only bounds a hung run
});
