import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  liveBarrierEventSchema,
  liveCameraEventSchema,
  liveDecisionEventSchema,
  type LiveLaneMessage,
  type PayloadOf,
  type TopicName,
} from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createKafka,
  createMessagingTransport,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  kafkaClientOptions,
  kafkaTestMessaging,
  loadInfraEnv,
  loadKafkaPrincipals,
  PROFILES,
  releaseAll,
} from '@ecogate/testing';
import { createLiveFeed, LaneStreams } from './live';
import { aCameraStatus, aCommand, aDecision } from './testing/live-events';
import { type Browser } from './testing/gateway-test-kit';
import { LiveStreamClient } from './testing/live-stream-client';
import { startTestGateway, type TestGateway } from './testing/test-gateway';

// The live lanes stream (Server-Sent Events) through the whole gateway, on both buses (ADR 0008):
// events published on the bus after a browser connects reach the viewers of their enterprise, and
// only them; the policy decides who may watch. Then the `gateway` Kafka principal's ACLs (the table
// in deploy/local/kafka-acls.json) for the live feed's topics and group.
jest.setTimeout(120_000);

const logger = createLogger({ service: 'gateway-live-it', level: 'silent' });
const A = 'ent-live-a';
const B = 'ent-live-b';
const CHANG_AN = '130102';
const QIAO_XI = '130104';
const LANES = (enterpriseId: string) => `/api/live/v1/enterprises/${enterpriseId}/lanes`;

type LiveTopic = 'gate.barrier.decided.v1' | 'gate.barrier.commanded.v1' | 'camera.status.changed.v1';

describe.each(PROFILES)('live lanes through the gateway on %s', (profile) => {
  let t: TestGateway;
  let bus: MessagingTransport;
  let publisher: ConnectablePublisher;
  let staffA: Browser;
  let adminB: Browser;
  let inspectorChangAn: Browser;
  let inspectorQiaoXi: Browser;
  const open: LiveStreamClient[] = [];
  let closed = false;

  const publish = <T extends LiveTopic>(topic: T, enterpriseId: string, key: string, payload: PayloadOf<T>) =>
    publisher.publish(topic, { enterpriseId, key, payload });
  const watch = async (enterpriseId: string, browser?: Browser, headers?: Record<string, string>) => {
    const stream = await LiveStreamClient.open(t.gateway.url, LANES(enterpriseId), browser, headers);
    open.push(stream);
    return stream;
  };

  beforeAll(async () => {
    // Sessions that outlast a slow start (the kit's default idle timeout is 4 s, for its idle tests).
    t = await startTestGateway({
      bus: profile,
      idleSeconds: 600,
      live: { maxStreamsPerEnterprise: 3, heartbeatMs: 300 },
    });
    await t.gateway.ready();
    bus = await t.openBus();
    publisher = bus.createPublisher();
    await publisher.connect();
    await t.registerEnterprise(A, CHANG_AN);
    await t.registerEnterprise(B, QIAO_XI);
    [staffA, adminB, inspectorChangAn, inspectorQiaoXi] = await Promise.all([
      t.signedIn({ username: `staff-a-${profile}`, role: 'enterprise-staff', enterpriseId: A }),
      t.signedIn({ username: `admin-b-${profile}`, role: 'enterprise-admin', enterpriseId: B }),
      t.signedIn({ username: `inspector-ca-${profile}`, role: 'inspector', districts: [CHANG_AN] }),
      t.signedIn({ username: `inspector-qx-${profile}`, role: 'inspector', districts: [QIAO_XI] }),
    ]);
    // Kafka resolves a new group's "latest" offsets at its first fetch, a moment after it joined:
    // events on every live topic must come through once before "published after connecting" is exact.
    const warm = await LiveStreamClient.open(t.gateway.url, LANES(A), t.admin);
    expect({ status: warm.status, refusal: warm.refusal }).toEqual({ status: 200, refusal: undefined });
    try {
      for (const [topic, payload] of [
        ['gate.barrier.decided.v1', () => aDecision(A)],
        ['gate.barrier.commanded.v1', () => aCommand(A)],
        ['camera.status.changed.v1', () => aCameraStatus(A)],
      ] as const) {
        // One more event every 2 s until any of them comes through (latency may exceed 2 s under load).
        const sent: string[] = [];
        await expectEventually(
          async () => {
            const event = await publisher.publish(topic as TopicName, {
              enterpriseId: A,
              key: 'warm-up',
              payload: payload() as never,
            });
            sent.push(event.eventId);
            await expectEventually(() => expect(warm.ids().some((id) => sent.includes(id!))).toBe(true), {
              timeoutMs: 2_000,
            });
          },
          { timeoutMs: 60_000 },
        );
      }
    } finally {
      await warm.close();
    }
  });

  afterAll(() =>
    releaseAll(
      ...open.map((stream) => () => stream.close()),
      () => (closed ? undefined : publisher?.disconnect()),
      () => (closed ? undefined : bus?.close()),
      () => (closed ? undefined : t?.close()),
    ),
  );

  it("streams to an enterprise user what is published after they connect, and nothing of another enterprise's", async () => {
    const a = await watch(A, staffA);
    const b = await watch(B, adminB);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(a.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(a.headers.get('x-accel-buffering')).toBe('no');

    const forB = await publish('gate.barrier.decided.v1', B, 'lane-b', aDecision(B));
    const decision = aDecision(A, { operator: { id: 'staff-1', reason: '人工放行' }, verdict: 'allow' });
    const forA = await publish('gate.barrier.decided.v1', A, 'lane-a', decision);
    const command = await publish('gate.barrier.commanded.v1', A, 'lane-a', aCommand(A, decision.decisionId));
    const camera = await publish('camera.status.changed.v1', A, 'cam-east-1', aCameraStatus(A));

    await expectEventually(() =>
      expect(a.ids().sort()).toEqual([forA.eventId, command.eventId, camera.eventId].sort()),
    );
    // B's decision reached B's viewer, through the same feed: had it leaked to A's stream, it would be there by now.
    await expectEventually(() => expect(b.ids()).toEqual([forB.eventId]));
    expect(a.ids()).not.toContain(forB.eventId);

    const [shown] = a.data('decision');
    expect(liveDecisionEventSchema.strict().parse(shown)).toEqual({
      decisionId: decision.decisionId,
      lane: decision.lane,
      laneMode: 'auto',
      capturedAt: decision.capturedAt,
      decidedAt: decision.decidedAt,
      plate: { text: '冀A12345', colour: 'yellow' },
      alertLevel: 'orange',
      verdict: 'allow',
      reasons: ['stage-below-minimum'],
      stage: { stage: 'IV', source: 'platform-query' },
      message: decision.message,
      operator: { id: 'staff-1', reason: '人工放行' },
    });
    expect(liveBarrierEventSchema.strict().parse(a.data('barrier')[0])).toMatchObject({
      decisionId: decision.decisionId,
      action: 'open',
      trigger: 'manual',
      outcome: 'done',
    });
    expect(liveCameraEventSchema.strict().parse(a.data('camera')[0])).toMatchObject({
      cameraId: 'cam-east-1',
      status: 'offline',
      clockDriftMs: -1200,
    });
    // A comment heartbeat keeps the stream alive (every 300 ms in this test, 15 s in service).
    await expectEventually(() => expect(a.comments).toContain('heartbeat'));
    await a.close();
    await b.close();
  });

  it('lets an inspector watch the enterprises of their districts only', async () => {
    const mine = await watch(A, inspectorChangAn);
    expect(mine.status).toBe(200);
    const sent = await publish('camera.status.changed.v1', A, 'cam-east-1', aCameraStatus(A));
    await expectEventually(() => expect(mine.ids()).toContain(sent.eventId));
    await mine.close();
    const other = await watch(A, inspectorQiaoXi);
    expect({ status: other.status, body: other.refusal }).toEqual({
      status: 404,
      body: { code: 'enterprise-not-found', reason: expect.any(String) },
    });
  });

  it("refuses without a session (401), another enterprise's user (404, as for an unknown enterprise), an integrator's key (403)", async () => {
    const anonymous = await watch(A);
    expect({ status: anonymous.status, code: (anonymous.refusal as { code: string }).code }).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    const otherTenant = await watch(A, adminB);
    expect({ status: otherTenant.status, code: (otherTenant.refusal as { code: string }).code }).toEqual({
      status: 404,
      code: 'enterprise-not-found',
    });
    const unknown = await watch('ent-nobody-registered', t.admin);
    expect({ status: unknown.status, code: (unknown.refusal as { code: string }).code }).toEqual({
      status: 404,
      code: 'enterprise-not-found',
    });
    const key = await adminB.call('POST', `/api/gateway/v1/enterprises/${B}/api-keys`, {
      body: { name: 'erp', scopes: ['passages:read'] },
    });
    expect(key.status).toBe(201);
    const integrator = await watch(B, undefined, { authorization: `ApiKey ${key.body.secret}` });
    expect({ status: integrator.status, code: (integrator.refusal as { code: string }).code }).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('caps the streams of one enterprise (429 too-many-streams) and frees a slot when one closes', async () => {
    const streams = [await watch(B, adminB), await watch(B, adminB), await watch(B, t.admin)];
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await watch(B, adminB);
    expect({ status: fourth.status, code: (fourth.refusal as { code: string }).code }).toEqual({
      status: 429,
      code: 'too-many-streams',
    });
    // Another enterprise has its own allowance.
    const a = await watch(A, staffA);
    expect(a.status).toBe(200);
    await streams[0]!.close();
    await expectEventually(async () => {
      const again = await watch(B, adminB);
      expect(again.status).toBe(200);
    });
  });

  it('ends open streams when the gateway closes, without waiting on them', async () => {
    const a = await watch(A, staffA);
    expect(a.status).toBe(200);
    // The test's own bus first: closing the gateway drops the embedded log's database.
    await publisher.disconnect();
    await bus.close();
    closed = true;
    const closing = t.close();
    // Ended first thing, before the bus consumer and the server are stopped (a hang would time out here).
    await expectEventually(() => expect(a.ended).toBe(true), { timeoutMs: 2_000 });
    await closing;
  });
});

describe('the gateway Kafka principal and the live feed (deploy/local/kafka-acls.json)', () => {
  const infra = loadInfraEnv();
  const topicPrefix = `gw-live-acl-${randomUUID().slice(0, 8)}.`;
  const ALLOW = 3; // kafkajs AclPermissionTypes.ALLOW (apps do not import kafkajs)
  type AclBinding = [number, number, string, number];
  const DEPLOY = join(__dirname, '../../../deploy/local');
  const { bindingsOf, readTable } = createRequire(__filename)(join(DEPLOY, 'kafka-acls.js')) as {
    bindingsOf(entry: unknown, prefix: string): AclBinding[];
    readTable(file: string): [string, { read: string[]; readerGroups: string[] }][];
  };
  const gatewayRow = readTable(join(DEPLOY, 'kafka-acls.json')).find(([name]) => name === 'gateway');
  const acls = (gatewayRow ? bindingsOf(gatewayRow[1], topicPrefix) : [])
    .filter(([, , resource]) => resource.startsWith(topicPrefix))
    .map(([resourceType, resourcePatternType, resourceName, operation]) => ({
      principal: 'User:gateway',
      host: '*',
      permissionType: ALLOW,
      resourceType,
      resourcePatternType,
      resourceName,
      operation,
    }));
  const admin = createKafka({
    ...kafkaClientOptions(infra),
    clientId: 'gateway-live-acl-admin',
    topicPrefix,
    logger,
  });
  let asGateway: MessagingTransport;
  let asAdmin: MessagingTransport;
  let feed: EventConsumer;
  let publisher: ConnectablePublisher;

  afterAll(() =>
    releaseAll(
      () => feed?.stop(),
      () => publisher?.disconnect(),
      () => asGateway?.close(),
      () => asAdmin?.close(),
      async () => {
        const aclAdmin = admin.admin();
        await aclAdmin.connect();
        await aclAdmin.deleteAcls({ filters: acls as never });
        await aclAdmin.disconnect();
      },
    ),
  );

  it('reads the three live topics (creating them when missing) in a gateway-live- group of its own', async () => {
    expect(gatewayRow?.[1].read.sort()).toEqual(
      ['camera.status.changed.v1', 'gate.barrier.commanded.v1', 'gate.barrier.decided.v1'].sort(),
    );
    expect(gatewayRow?.[1].readerGroups).toContain('gateway-live-');
    const password = loadKafkaPrincipals()?.['gateway'];
    expect(password).toBeDefined();
    const aclAdmin = admin.admin();
    await aclAdmin.connect();
    await aclAdmin.createAcls({ acl: acls as never });
    await aclAdmin.disconnect();

    const options = kafkaClientOptions(infra);
    asGateway = await createMessagingTransport(
      {
        kind: 'kafka',
        kafka: {
          ...options,
          sasl: { mechanism: options.sasl.mechanism, username: 'gateway', password: password! },
          clientId: 'gateway-live-acl',
          topicPrefix,
        },
      },
      { logger, openEventLog: openPostgresEventLog },
    );
    const streams = new LaneStreams({ perEnterprise: 5, total: 10 });
    feed = createLiveFeed(asGateway, streams, logger);
    // As the gateway starts: the topics are created by whoever comes first (CREATE on read topics).
    await asGateway.ensureTopics(feed.topics().map((name) => ({ name })));
    await feed.start();
    await feed.ready();
    const seen: LiveLaneMessage[] = [];
    streams.subscribe(A, { send: (message) => void seen.push(message), end: () => undefined });

    asAdmin = await createMessagingTransport(
      kafkaTestMessaging({ clientId: 'gateway-live-acl-pub', topicPrefix }),
      {
        logger,
        openEventLog: openPostgresEventLog,
      },
    );
    publisher = asAdmin.createPublisher();
    await publisher.connect();
    const sent: string[] = [];
    await expectEventually(
      async () => {
        const event = await publisher.publish('gate.barrier.decided.v1', {
          enterpriseId: A,
          key: 'lane-a',
          payload: aDecision(A),
        });
        sent.push(event.eventId);
        await expectEventually(() => expect(seen.some((m) => sent.includes(m.id))).toBe(true), {
          timeoutMs: 2_000,
        });
      },
      { timeoutMs: 60_000 },
    );
    expect(feed.health().status).toBe('ok');
  });
});
