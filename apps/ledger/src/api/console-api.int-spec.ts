import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import { createDataSource, openPostgresEventLog, runMigrations } from '@ecogate/persistence';
import { createObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  kafkaTestMessaging,
  loadInfraEnv,
  minioTestStorage,
  releaseAll,
} from '@ecogate/testing';
import { type z } from 'zod';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import {
  type Api,
  type ApiAnswer,
  type LedgerHarness,
  migratedDatabase,
  startLedgerHarness,
} from '../testing/ledger-harness';
import { aDecision, LEDGER_IT_CLIENT, memberOf, type TestCaller } from '../testing/ledger-test-kit';
import {
  alertLevelSchema,
  dailyStagesSchema,
  documentLinkSchema,
  documentSchema,
  emergencyPlanViewSchema,
  inPlantVehicleSchema,
  machinerySchema,
  passagePageSchema,
  passageSchema,
  retentionPolicySchema,
  statisticsSummarySchema,
  vehicleViewSchema,
} from './ledger-responses';

jest.setTimeout(90_000);

// The web console's ledger routes (issue #13) against the whole service: decisions go in through
// Kafka, `ledger.passage.recorded.v1` is read back from it, photos come from MinIO.

const DECIDED = 'gate.barrier.decided.v1';
const RECORDED = 'ledger.passage.recorded.v1';
const A = 'ent-console-a';
const B = 'ent-console-b';
const logger = createLogger({ service: 'ledger-console-it', level: 'silent' });
const staff = (enterprise = A, subject = `gatekeeper-${enterprise}`) =>
  memberOf(enterprise, 'enterprise-staff', subject);
const inspector: TestCaller = { role: 'inspector', subject: 'inspector-1', enterprises: [A] };
const cityOperator: TestCaller = { role: 'city-operator', subject: 'operator-1' };
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
type Json = any;

/** The body is exactly what the OpenAPI document declares: nothing missing, nothing more. */
function expectBody(schema: z.ZodType, answer: ApiAnswer, status = 200): Json {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
  expect(schema.parse(answer.body)).toEqual(answer.body);
  return answer.body as Json;
}

let ledger: LedgerHarness;
let transport: MessagingTransport;
let publisher: ConnectablePublisher;
let reader: EventConsumer;
const recorded: EventEnvelope<typeof RECORDED>[] = [];
const photoBucket = `ledger-it-photos-${randomUUID().slice(0, 8)}`;
const photoBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('console-photo')]);
const photoRef = {
  bucket: photoBucket,
  key: 'ent-console-a/site-1/scene.jpg',
  sha256: 'c'.repeat(64),
  contentType: 'image/jpeg',
  bytes: photoBytes.length,
};

beforeAll(async () => {
  ledger = await startLedgerHarness();
  const infra = loadInfraEnv();
  transport = await createMessagingTransport(
    kafkaTestMessaging({
      clientId: LEDGER_IT_CLIENT,
      brokers: infra.KAFKA_BROKERS.split(','),
      topicPrefix: ledger.topicPrefix,
    }),
    { logger, openEventLog: openPostgresEventLog },
  );
  reader = transport.createConsumer({
    groupId: 'ledger-console-it-reader',
    handlers: { [RECORDED]: async (event: EventEnvelope<typeof RECORDED>) => void recorded.push(event) },
  });
  await transport.ensureTopics(
    [transport.physicalTopic(DECIDED), ...reader.topics()].map((name) => ({ name })),
  );
  publisher = transport.createPublisher();
  await publisher.connect();
  await reader.start();
  await reader.ready();
  await ledger.service.ready();
  const storage = createObjectStorage(minioTestStorage());
  await storage.ensureBucket(photoBucket);
  await storage.put(photoBucket, photoRef.key, photoBytes, { contentType: 'image/jpeg' });
});

afterAll(() =>
  releaseAll(
    () => reader?.stop(),
    () => publisher?.disconnect(),
    () => transport?.close(),
    () => ledger?.close(),
  ),
);

const decide = (decision: PayloadOf<typeof DECIDED>) =>
  publisher.publish(DECIDED, {
    enterpriseId: decision.lane.enterpriseId,
    key: decision.lane.laneId,
    payload: decision,
  });
const eventsFor = (passageId: string) => recorded.filter((e) => e.payload.passageId === passageId);
const passageOf = async (enterprise: string, plate: string): Promise<Json> =>
  expectEventually(async () => {
    const page = await ledger.api(`/enterprises/${enterprise}/passages?plate=${encodeURIComponent(plate)}`);
    const items = (page.body as Json).items as Json[];
    expect(items).toHaveLength(1);
    return items[0];
  });
const audits = (passageId: string): Promise<{ actor: string; action: string; before: Json; after: Json }[]> =>
  ledger.service.dataSource.query(
    `SELECT "actor", "action", "before", "after" FROM "audit_log" WHERE "entity_id" = $1 ORDER BY "at"`,
    [passageId],
  );
const outboxCount = async (passageId: string): Promise<number> => {
  const [row] = (await ledger.service.dataSource.query(
    `SELECT count(*) AS n FROM "outbox" WHERE "payload"->'payload'->>'passageId' = $1`,
    [passageId],
  )) as { n: string }[];
  return Number(row!.n);
};

describe('review queue (待确认)', () => {
  const reviewItems = (api: Api, query = '') => api(`/enterprises/${A}/review-items${query}`);
  const resolve = (api: Api, passageId: string, body: unknown, enterprise = A) =>
    api(`/enterprises/${enterprise}/review-items/${passageId}/resolution`, json('POST', body));

  it('queues doubtful reads and unknown stages, keeps both reads, corrects one and publishes the revision', async () => {
    const reads = {
      camera: { text: '冀B20001', colour: 'yellow', confidence: 0.91, verdict: 'needs-review' as const },
      server: { text: '冀B20007', colour: 'yellow', confidence: 0.88, verdict: 'needs-review' as const },
    };
    // Distinct capture times: the queue is ordered by them.
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
    await decide(
      aDecision({
        enterpriseId: A,
        laneMode: 'record-only',
        plate: { text: '冀B20001', colour: 'yellow' },
        reasons: ['readers-disagree'],
        reads,
        capturedAt: at(30),
      }),
    );
    const { stage: _stage, ...unknownStage } = aDecision({
      enterpriseId: A,
      plate: { text: '冀B20002', colour: 'yellow' },
      capturedAt: at(20),
    });
    await decide(unknownStage);
    await decide(aDecision({ enterpriseId: A, plate: { text: '冀B20003', colour: 'yellow' } }));
    const disagreed = await passageOf(A, '冀B20001');
    const unknown = await passageOf(A, '冀B20002');
    const clean = await passageOf(A, '冀B20003');
    expect(disagreed).toMatchObject({
      reviewState: 'open',
      reviewReasons: ['readers-disagree'],
      entryReads: reads,
    });
    expect(unknown).toMatchObject({ reviewState: 'open', reviewReasons: ['unknown-stage'] });
    expect(clean).toMatchObject({ reviewState: null, reviewReasons: null });

    // Newest first, keyset pages; the inspector reads the queue too.
    const open = expectBody(passagePageSchema, await reviewItems(ledger.as(inspector), '?state=open'));
    expect(open.items.map((p: Json) => p.plate)).toEqual(['冀B20002', '冀B20001']);
    const first = expectBody(passagePageSchema, await reviewItems(ledger.api, '?limit=1'));
    expect(first.items.map((p: Json) => p.plate)).toEqual(['冀B20002']);
    const second = await reviewItems(ledger.api, `?limit=1&cursor=${first.nextCursor as string}`);
    expect((second.body as Json).items.map((p: Json) => p.plate)).toEqual(['冀B20001']);
    expect((await reviewItems(ledger.api, '?state=later')).status).toBe(400);

    // Inspectors read only; a bad plate is refused with the domain's reason.
    expect(
      await resolve(ledger.as(inspector), disagreed.id, { plate: '冀B20007', revision: 1 }),
    ).toMatchObject({
      status: 403,
    });
    expect(await resolve(ledger.as(staff()), disagreed.id, { plate: '冀B2OO', revision: 1 })).toMatchObject({
      status: 400,
      body: { code: 'invalid-plate' },
    });

    // The stage barrier control found was the misread plate's: the corrected plate needs its own.
    expect(await resolve(ledger.as(staff()), disagreed.id, { plate: '冀B20007', revision: 1 })).toMatchObject(
      {
        status: 400,
        body: { code: 'stage-required' },
      },
    );
    // The gatekeeper reads the photos and takes the server's read.
    const corrected = expectBody(
      passageSchema,
      await resolve(ledger.as(staff(A, 'gatekeeper-7')), disagreed.id, {
        plate: '冀B20007',
        stage: 'VI',
        note: '服务器识别正确',
        revision: 1,
      }),
    );
    expect(corrected).toMatchObject({
      plate: '冀B20007',
      plateColour: 'yellow',
      stage: 'VI',
      stageSource: 'manual',
      reviewState: 'resolved',
      reviewReasons: ['readers-disagree'],
      reviewedBy: 'gatekeeper-7',
      reviewNote: '服务器识别正确',
      revision: 2,
      entryRevision: 2,
    });
    // Published like a completion: the next revision, with the corrected plate (provincial-upload sends it again).
    await expectEventually(() =>
      expect(eventsFor(disagreed.id).map((e) => [e.payload.revision, e.payload.plate.text])).toEqual([
        [1, '冀B20001'],
        [2, '冀B20007'],
      ]),
    );
    expect(await audits(disagreed.id)).toEqual([
      expect.objectContaining({
        actor: 'gatekeeper-7',
        action: 'review-correct',
        before: expect.objectContaining({ plate: '冀B20001', reviewState: 'open', revision: 1 }),
        after: expect.objectContaining({
          plate: '冀B20007',
          reviewState: 'resolved',
          revision: 2,
          note: '服务器识别正确',
        }),
      }),
    ]);

    // The same resolution on the old revision: 409, nothing changed.
    expect(
      await resolve(ledger.as(cityOperator), disagreed.id, { plate: '冀B20001', revision: 1 }),
    ).toMatchObject({
      status: 409,
      body: { code: 'revision-conflict' },
    });
    expect((await ledger.api(`/enterprises/${A}/passages/${disagreed.id}`)).body).toMatchObject({
      plate: '冀B20007',
      revision: 2,
    });

    // An unknown stage needs one; then the passage is published for the first time.
    expect(await resolve(ledger.as(staff()), unknown.id, { plate: '冀B20002', revision: 1 })).toMatchObject({
      status: 400,
      body: { code: 'stage-required' },
    });
    expect(await outboxCount(unknown.id)).toBe(0);
    const staged = expectBody(
      passageSchema,
      await resolve(ledger.as(cityOperator), unknown.id, { plate: '冀B20002', stage: 'V', revision: 1 }),
    );
    expect(staged).toMatchObject({
      stage: 'V',
      stageSource: 'manual',
      reviewState: 'resolved',
      entryRevision: 1,
    });
    await expectEventually(() =>
      expect(eventsFor(unknown.id).map((e) => [e.payload.revision, e.payload.emissionStage])).toEqual([
        [1, 'V'],
      ]),
    );

    const resolved = expectBody(passagePageSchema, await reviewItems(ledger.api, '?state=resolved'));
    expect(resolved.items.map((p: Json) => p.id)).toEqual([unknown.id, disagreed.id]);
    expect((await reviewItems(ledger.api)).body).toMatchObject({ items: [], nextCursor: null });
  });

  it('records a confirmation that changes nothing without publishing it again', async () => {
    await decide(
      aDecision({
        enterpriseId: A,
        laneMode: 'always-open',
        plate: { text: '冀B20011', colour: 'yellow' },
        reasons: ['read-needs-review'],
      }),
    );
    const doubtful = await passageOf(A, '冀B20011');
    await expectEventually(() => expect(eventsFor(doubtful.id)).toHaveLength(1));
    const confirmed = expectBody(
      passageSchema,
      await resolve(ledger.as(staff()), doubtful.id, { plate: '冀b 20011', revision: 1 }),
    );
    expect(confirmed).toMatchObject({
      plate: '冀B20011',
      reviewState: 'resolved',
      revision: 2,
      entryRevision: 1,
    });
    expect(await outboxCount(doubtful.id)).toBe(1);
    expect((await audits(doubtful.id)).map((a) => a.action)).toEqual(['review-confirm']);
  });

  it('reopens a resolved passage when its exit is doubtful too', async () => {
    await decide(
      aDecision({
        enterpriseId: A,
        laneMode: 'record-only',
        plate: { text: '冀B20021', colour: 'yellow' },
        reasons: ['read-needs-review'],
      }),
    );
    const entered = await passageOf(A, '冀B20021');
    await resolve(ledger.as(staff()), entered.id, { plate: '冀B20021', revision: 1 });
    await decide(
      aDecision({
        enterpriseId: A,
        direction: 'out',
        laneMode: 'record-only',
        plate: { text: '冀B20021', colour: 'yellow' },
        reasons: ['readers-disagree'],
      }),
    );
    await expectEventually(async () =>
      expect((await ledger.api(`/enterprises/${A}/passages/${entered.id}`)).body).toMatchObject({
        state: 'completed',
        reviewState: 'open',
        reviewReasons: ['readers-disagree', 'read-needs-review'],
      }),
    );
  });

  it('keeps each enterprise’s queue to itself', async () => {
    await decide(
      aDecision({
        enterpriseId: B,
        laneMode: 'record-only',
        plate: { text: '冀B20031', colour: 'yellow' },
        reasons: ['read-needs-review'],
      }),
    );
    const foreign = await passageOf(B, '冀B20031');
    // A's gatekeeper cannot see or resolve B's item, not even through A's path.
    expect((await ledger.as(staff(A))(`/enterprises/${B}/review-items`)).status).toBe(404);
    expect(await resolve(ledger.as(staff(A)), foreign.id, { plate: '冀B20031', revision: 1 })).toMatchObject({
      status: 404,
      body: { code: 'review-item-not-found' },
    });
    const ownQueue = (await ledger.api(`/enterprises/${A}/review-items`)).body as Json;
    expect(JSON.stringify(ownQueue)).not.toContain('冀B20031');
    expect((await ledger.api(`/enterprises/${B}/passages/${foreign.id}`)).body).toMatchObject({
      reviewState: 'open',
      revision: 1,
    });
  });
});

describe('manual passage entry', () => {
  const post = (api: Api, body: unknown, enterprise = A) =>
    api(`/enterprises/${enterprise}/passages/manual`, json('POST', body));
  const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
  const entry = (overrides: Record<string, unknown> = {}) => ({
    requestId: randomUUID(),
    siteId: 'site-1',
    gateId: 'east-1',
    direction: 'in',
    plate: '冀B30001',
    colour: 'yellow',
    capturedAt: hourAgo(),
    reason: '入口相机故障',
    stage: 'VI',
    ...overrides,
  });

  it('records a marked, audited passage once per request id and publishes it', async () => {
    const body = entry();
    const created = expectBody(passageSchema, await post(ledger.as(staff(A, 'gatekeeper-9')), body), 201);
    expect(created).toMatchObject({
      plate: '冀B30001',
      state: 'inside',
      manual: true,
      entryLaneId: 'manual',
      entryDecisionId: `manual-${body.requestId}`,
      entryReasons: ['manual'],
      entryManual: { requestId: body.requestId, by: 'gatekeeper-9', reason: '入口相机故障' },
      stage: 'VI',
      stageSource: 'manual',
    });
    // A retried POST (the answer was lost): the same passage, nothing new.
    const retried = expectBody(passageSchema, await post(ledger.as(staff(A, 'gatekeeper-9')), body), 200);
    expect(retried.id).toBe(created.id);
    expect(await post(ledger.as(staff()), { ...body, plate: '冀B30009' })).toMatchObject({
      status: 409,
      body: { code: 'request-id-reused' },
    });
    await expectEventually(() =>
      expect(
        eventsFor(created.id).map((e) => [e.payload.direction, e.payload.revision, e.payload.laneId]),
      ).toEqual([['in', 1, 'manual']]),
    );
    expect(await audits(created.id)).toEqual([
      expect.objectContaining({
        actor: 'gatekeeper-9',
        action: 'manual-entry',
        after: expect.objectContaining({
          reason: '入口相机故障',
          requestId: body.requestId,
          direction: 'in',
        }),
      }),
    ]);

    // The exit by hand closes it, as a camera's exit would.
    const exit = expectBody(
      passageSchema,
      await post(
        ledger.as(staff()),
        entry({
          direction: 'out',
          capturedAt: new Date().toISOString(),
          siteId: undefined,
          reason: '出口断电',
        }),
      ),
      201,
    );
    expect(exit).toMatchObject({
      id: created.id,
      state: 'completed',
      revision: 2,
      exitManual: { reason: '出口断电' },
    });
    await expectEventually(() =>
      expect(eventsFor(created.id).map((e) => e.payload.direction)).toEqual(['in', 'out']),
    );
    const rows: unknown[] = await ledger.service.dataSource.query(
      `SELECT 1 FROM "passages" WHERE "plate" = '冀B30001'`,
    );
    expect(rows).toHaveLength(1);

    // Visible in search: manual=true finds it, manual=false does not.
    const manual = expectBody(passagePageSchema, await ledger.api(`/enterprises/${A}/passages?manual=true`));
    expect(manual.items.map((p: Json) => p.id)).toContain(created.id);
    const cameras = (await ledger.api(`/enterprises/${A}/passages?manual=false`)).body as Json;
    expect(cameras.items.map((p: Json) => p.id)).not.toContain(created.id);
  });

  it('refuses a future or too old capture, a bad plate, an unknown gate without site, and callers who may not', async () => {
    const refused = async (body: unknown, code: string) =>
      expect(await post(ledger.as(staff()), body)).toMatchObject({ status: 400, body: { code } });
    await refused(
      entry({ capturedAt: new Date(Date.now() + 3_600_000).toISOString() }),
      'captured-in-future',
    );
    await refused(
      entry({ capturedAt: new Date(Date.now() - 400 * 86_400_000).toISOString() }),
      'captured-before-retention-floor',
    );
    await refused(entry({ plate: '冀B3000' }), 'invalid-plate');
    await refused(entry({ plate: '冀BD30001', colour: 'yellow' }), 'invalid-plate');
    await refused(entry({ gateId: 'never-seen', siteId: undefined }), 'site-required');
    await refused(entry({ requestId: 'again' }), 'invalid-request');
    expect((await post(ledger.api, entry())).status).toBe(403);
    expect((await post(ledger.as(inspector), entry())).status).toBe(403);
    expect((await post(ledger.as(staff(B)), entry())).status).toBe(404);
  });

  it('keeps request ids per enterprise', async () => {
    const requestId = randomUUID();
    const inA = await post(ledger.as(staff(A)), entry({ requestId, plate: '冀B30002' }));
    const inB = await post(ledger.as(staff(B)), entry({ requestId, plate: '冀B30002' }), B);
    expect([inA.status, inB.status]).toEqual([201, 201]);
    expect((inA.body as Json).id).not.toBe((inB.body as Json).id);
    expect((await ledger.api(`/enterprises/${B}/passages/${(inA.body as Json).id as string}`)).status).toBe(
      404,
    );
  });
});

describe('passage search filters', () => {
  it('filters by direction, verdict and manual', async () => {
    const E = 'ent-console-filters';
    await decide(aDecision({ enterpriseId: E, plate: { text: '冀B40001', colour: 'yellow' } }));
    await decide(
      aDecision({ enterpriseId: E, direction: 'out', plate: { text: '冀B40002', colour: 'yellow' } }),
    );
    await decide(
      aDecision({
        enterpriseId: E,
        laneMode: 'record-only',
        verdict: 'needs-review',
        plate: { text: '冀B40003', colour: 'yellow' },
      }),
    );
    await passageOf(E, '冀B40003');
    await passageOf(E, '冀B40002');
    const plates = async (query: string) =>
      (expectBody(passagePageSchema, await ledger.api(`/enterprises/${E}/passages?${query}`)).items as Json[])
        .map((p) => p.plate)
        .sort();
    expect(await plates('direction=in')).toEqual(['冀B40001', '冀B40003']);
    expect(await plates('direction=out')).toEqual(['冀B40002']);
    expect(await plates('verdict=needs-review')).toEqual(['冀B40003']);
    expect(await plates('verdict=needs-review&direction=out')).toEqual([]);
    expect(await plates('direction=out&gateId=east-1')).toEqual(['冀B40002']);
    expect(await plates('manual=false')).toEqual(['冀B40001', '冀B40002', '冀B40003']);
    expect(await plates('manual=true')).toEqual([]);
    expect((await ledger.api(`/enterprises/${E}/passages?manual=yes`)).status).toBe(400);
  });
});

describe('statistics summary', () => {
  it('gives the domain’s shares, daily trips, clean-transport ratios and the class indicator', async () => {
    const E = 'ent-console-stats';
    const gatekeeper = ledger.as(staff(E));
    const localDay = (offsetDays: number) =>
      new Date(Date.now() + 8 * 3_600_000 - offsetDays * 86_400_000).toISOString().slice(0, 10);
    const at = (day: string, hour: number) =>
      new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
    const yesterday = localDay(1);
    const twoDaysAgo = localDay(2);
    const manual = (plate: string, day: string, stage: string, cargo?: { name: string; tonnes: number }) =>
      gatekeeper(
        `/enterprises/${E}/passages/manual`,
        json('POST', {
          requestId: randomUUID(),
          siteId: 'site-1',
          gateId: 'east-1',
          direction: 'in',
          plate,
          colour: 'yellow',
          capturedAt: at(day, 10),
          reason: '补录',
          stage,
          ...(cargo ? { cargo } : {}),
        }),
      );
    expect((await manual('冀B50001', twoDaysAgo, 'VI', { name: '焦炭', tonnes: 30 })).status).toBe(201);
    expect((await manual('冀B50002', yesterday, 'V', { name: '焦炭', tonnes: 10 })).status).toBe(201);
    expect((await manual('冀B50003', yesterday, 'IV')).status).toBe(201);

    const summary = expectBody(
      statisticsSummarySchema,
      await ledger.as({ role: 'inspector', subject: 'inspector-2', enterprises: [E] })(
        `/enterprises/${E}/statistics/summary?from=${twoDaysAgo}&to=${yesterday}&performanceClass=B&industry=coking`,
      ),
    );
    expect(
      (await ledger.as(inspector)(`/enterprises/${E}/statistics/summary?from=${twoDaysAgo}&to=${yesterday}`))
        .status,
    ).toBe(404);
    expect(summary).toMatchObject({
      from: twoDaysAgo,
      to: yesterday,
      trips: 3,
      daily: [
        { day: twoDaysAgo, trips: 1 },
        { day: yesterday, trips: 2 },
      ],
      stageShares: {
        trips: { total: 3, counts: { VI: 1, V: 1, IV: 1, unknown: 0 } },
        tonnes: { total: 40, amounts: { VI: 30, V: 10 }, tripsWithoutTonnes: 1 },
      },
      classCompliance: { performanceClass: 'B', status: 'not-met' },
    });
    expect(summary.cleanTransport.find((c: Json) => c.definition === 'v-plus').byTrips).toEqual({
      clean: 2,
      total: 3,
      ratio: 2 / 3,
    });
    const other = expectBody(
      statisticsSummarySchema,
      await ledger.api(
        `/enterprises/ent-console-empty/statistics/summary?from=${twoDaysAgo}&to=${yesterday}`,
      ),
    );
    expect(other).toMatchObject({ trips: 0, classCompliance: null });
    expect(other.cleanTransport[0].byTrips.ratio).toBeNull();
    expect(
      (
        await ledger.api(
          `/enterprises/${E}/statistics/summary?from=${yesterday}&to=${yesterday}&performanceClass=B`,
        )
      ).status,
    ).toBe(400);
  });
});

describe('photos for browsers', () => {
  const raw = async (caller: TestCaller, path: string) =>
    fetch(`${ledger.service.url}/api/v1${path}`, {
      redirect: 'manual',
      headers: { authorization: await ledger.issuer.bearer(caller) },
    });

  it('redirects to a short-lived link of the passage’s or the decision’s photo; 404 when there is none', async () => {
    const decision = aDecision({
      enterpriseId: A,
      plate: { text: '冀B60001', colour: 'yellow' },
      images: { scene: photoRef, plate: photoRef },
    });
    await decide(decision);
    const passage = await passageOf(A, '冀B60001');
    const answer = await raw(
      staff(),
      `/enterprises/${A}/passages/${passage.id as string}/photos/entry/scene`,
    );
    expect(answer.status).toBe(302);
    // The harness's links live 60 s: the redirect may be reused for less.
    expect(answer.headers.get('cache-control')).toBe('private, max-age=48');
    const location = answer.headers.get('location')!;
    expect(Buffer.from(await (await fetch(location)).arrayBuffer()).equals(photoBytes)).toBe(true);
    expect(
      (await raw(inspector, `/enterprises/${A}/decisions/${decision.decisionId}/photos/plate`)).status,
    ).toBe(302);

    // A refused vehicle has no passage; its decision still shows.
    const deny = aDecision({
      enterpriseId: A,
      verdict: 'deny',
      reasons: ['stage-below-minimum'],
      plate: { text: '冀B60002', colour: 'yellow' },
      images: { scene: photoRef },
    });
    await decide(deny);
    await expectEventually(async () =>
      expect((await raw(staff(), `/enterprises/${A}/decisions/${deny.decisionId}/photos/scene`)).status).toBe(
        302,
      ),
    );

    const missing = async (caller: TestCaller, path: string, code: string) => {
      const refused = await raw(caller, path);
      expect({ status: refused.status, body: await refused.json() }).toMatchObject({
        status: 404,
        body: { code },
      });
    };
    await missing(
      staff(),
      `/enterprises/${A}/passages/${passage.id as string}/photos/exit/scene`,
      'photo-not-found',
    );
    await missing(staff(), `/enterprises/${A}/decisions/${deny.decisionId}/photos/plate`, 'photo-not-found');
    await missing(staff(), `/enterprises/${A}/decisions/d-never-decided/photos/scene`, 'photo-not-found');
    // Another enterprise's path: nothing about A's passage or decision.
    await missing(
      staff(B),
      `/enterprises/${B}/passages/${passage.id as string}/photos/entry/scene`,
      'passage-not-found',
    );
    await missing(
      staff(B),
      `/enterprises/${B}/decisions/${decision.decisionId}/photos/scene`,
      'photo-not-found',
    );
    expect(
      (await raw(staff(B), `/enterprises/${A}/decisions/${decision.decisionId}/photos/scene`)).status,
    ).toBe(404);
    expect(
      (await raw(staff(), `/enterprises/${A}/passages/${passage.id as string}/photos/side/scene`)).status,
    ).toBe(400);
  });
});

describe('declared response bodies', () => {
  it('match what every console route answers', async () => {
    const E = 'ent-console-shapes';
    const admin = ledger.as(memberOf(E, 'enterprise-admin', 'admin-1'));
    const plate = encodeURIComponent('冀B70001');
    await decide(aDecision({ enterpriseId: E, plate: { text: '冀B70001', colour: 'yellow' } }));
    const passage = await passageOf(E, '冀B70001');
    expectBody(passageSchema, await ledger.api(`/enterprises/${E}/passages/${passage.id as string}`));
    expectBody(
      passageSchema,
      await ledger.as(staff(E))(
        `/enterprises/${E}/passages/${passage.id as string}`,
        json('PATCH', { cargo: { name: '煤', tonnes: 12.5 } }),
      ),
    );
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expectBody(
      dailyStagesSchema,
      await ledger.api(`/enterprises/${E}/statistics/daily-stages?from=${today}&to=${today}`),
    );
    expectBody(
      vehicleViewSchema,
      await admin(
        `/enterprises/${E}/vehicles/${plate}`,
        json('PUT', {
          plateColour: 'yellow',
          fuel: 'diesel',
          stageEvidence: { stage: 'VI', source: 'manual', confirmed: true },
        }),
      ),
    );
    expectBody(vehicleViewSchema, await ledger.api(`/enterprises/${E}/vehicles/${plate}`));
    expectBody(
      documentSchema,
      await admin(`/enterprises/${E}/vehicles/${plate}/documents/inventory-list`, {
        method: 'PUT',
        headers: { 'content-type': 'application/pdf' },
        body: new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n')),
      }),
    );
    expectBody(
      documentLinkSchema,
      await ledger.api(`/enterprises/${E}/vehicles/${plate}/documents/inventory-list`),
    );
    expectBody(
      inPlantVehicleSchema,
      await admin(`/enterprises/${E}/in-plant-vehicles/NB-01`, json('PUT', { vin: 'LFWSRXRJ8M1E00001' })),
    );
    expectBody(inPlantVehicleSchema, await ledger.api(`/enterprises/${E}/in-plant-vehicles/NB-01`));
    expect(
      expectBody(inPlantVehicleSchema.array(), await ledger.api(`/enterprises/${E}/in-plant-vehicles`)),
    ).toHaveLength(1);
    expectBody(
      machinerySchema,
      await admin(`/enterprises/${E}/machinery/M-01`, json('PUT', { owner: '自有', fuel: 'diesel' })),
    );
    expectBody(machinerySchema, await ledger.api(`/enterprises/${E}/machinery/M-01`));
    expect(expectBody(machinerySchema.array(), await ledger.api(`/enterprises/${E}/machinery`))).toHaveLength(
      1,
    );
    expectBody(alertLevelSchema, await ledger.api(`/enterprises/${E}/alert-level`));
    expectBody(
      alertLevelSchema,
      await ledger.api(
        `/enterprises/${E}/alert-level`,
        json('PUT', { level: 'orange', reason: '冀气办〔2026〕1号' }),
      ),
    );
    expectBody(retentionPolicySchema, await ledger.api(`/enterprises/${E}/retention-policy`));
    expectBody(
      retentionPolicySchema,
      await ledger.api(`/enterprises/${E}/retention-policy`, json('PUT', { ledgerDays: 400 })),
    );
    const plan = buildDefaultEmergencyPlan({
      enterpriseId: E,
      cargoVolume: { band: '10-or-more' },
      exemptions: [
        {
          id: 'plate-1',
          kind: 'plate',
          plates: ['冀B70001'],
          from: new Date('2026-11-01T00:00:00Z'),
          until: new Date('2027-03-01T00:00:00Z'),
          levels: 'all',
          approvedBy: 'bureau-officer',
        },
      ],
    });
    const { enterpriseId: _e, ...body } = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
    expectBody(emergencyPlanViewSchema, await admin(`/enterprises/${E}/emergency-plan`, json('PUT', body)));
    expectBody(emergencyPlanViewSchema, await ledger.api(`/enterprises/${E}/emergency-plan`));
  });
});

describe('migration 1796800000000', () => {
  it('puts passages recorded before it in the queue by their stored verdicts, reasons and stage', async () => {
    const infra = loadInfraEnv();
    // Up to this migration only: later ones (1796900000000…) are not what this test is about.
    const upTo =
      ledgerMigrations.findIndex((m) => m.name === 'AddPassageReviewAndManualEntry1796800000000') + 1;
    const before = ledgerMigrations.slice(0, upTo - 1);
    const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_it_review', before);
    try {
      const source = createDataSource({
        url: database.url,
        entities: ledgerEntities,
        migrations: ledgerMigrations.slice(0, upTo),
        logging: false,
      });
      await source.initialize();
      const insert = (
        plate: string,
        entryVerdict: string,
        entryReasons: string[],
        exitReasons: string[] | null,
        stage: string | null,
      ) =>
        source.query(
          `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
             "entry_verdict", "entry_reasons", "exit_reasons", "stage", "completeness", "missing_fields")
           VALUES ($1, 'ent-m', 'site-1', $2, 'yellow', 'inside', now(), $3, $4, $5, $6, 1, '[]')`,
          [
            randomUUID(),
            plate,
            entryVerdict,
            JSON.stringify(entryReasons),
            exitReasons && JSON.stringify(exitReasons),
            stage,
          ],
        );
      await insert('冀B80001', 'allow', [], null, 'VI');
      await insert('冀B80002', 'allow', ['readers-disagree'], ['read-needs-review'], 'VI');
      await insert('冀B80003', 'needs-review', [], null, null);
      await runMigrations(source);
      const rows: {
        plate: string;
        review_state: string | null;
        review_reasons: string[] | null;
        manual: boolean;
      }[] = await source.query(
        `SELECT "plate", "review_state", "review_reasons", "manual" FROM "passages" ORDER BY "plate"`,
      );
      expect(rows).toEqual([
        { plate: '冀B80001', review_state: null, review_reasons: null, manual: false },
        {
          plate: '冀B80002',
          review_state: 'open',
          review_reasons: ['readers-disagree', 'read-needs-review'],
          manual: false,
        },
        {
          plate: '冀B80003',
          review_state: 'open',
          review_reasons: ['needs-review', 'unknown-stage'],
          manual: false,
        },
      ]);
      await source.undoLastMigration();
      const columns: unknown[] = await source.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'passages' AND column_name = 'review_state'`,
      );
      expect(columns).toHaveLength(0);
      expect(await source.query(`SELECT count(*)::int AS n FROM "passages"`)).toEqual([{ n: 3 }]);
      await source.destroy();
    } finally {
      await database.drop();
    }
  });
});
