import { randomUUID } from 'node:crypto';
import { type Principal, TestIssuer, checkRouteMatrix, POLICY } from '@ecogate/auth';
import { type OpenApiDocument } from '@ecogate/http-edge';
import { type EventEnvelope, type PayloadOf, type TopicName } from '@ecogate/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaClientOptions, releaseAll } from '@ecogate/testing';
import { ConfigGateSettings } from './gate-settings/config-gate-settings';
import { type BarrierControlService, startBarrierControl } from './start-barrier-control';
import { InMemoryVehicleRegistry } from './vehicles/in-memory-vehicle-registry';

// barrier-control's API behind the policy guard, against the real service and Kafka: who may lift
// a barrier, report its state or ask for a Vzenith reply is decided by a verified token alone.

const A = `ent-bca-${randomUUID().slice(0, 6)}`;
const B = `ent-bcb-${randomUUID().slice(0, 6)}`;
const LANE = 'in-1';
type Caller = Partial<Principal> & Pick<Principal, 'role'>;

describe('barrier-control authentication and authorization', () => {
  const logger = createLogger({ service: 'barrier-control-auth-int', level: 'fatal' });
  const seen: EventEnvelope[] = [];
  let issuer: TestIssuer;
  let service: BarrierControlService;
  let reader: KafkaEventConsumer;

  const gatekeeperA: Caller = { role: 'enterprise-staff', subject: 'gatekeeper-a', enterprises: [A] };
  const gatekeeperB: Caller = { role: 'enterprise-staff', subject: 'gatekeeper-b', enterprises: [B] };
  const adminA: Caller = { role: 'enterprise-admin', subject: 'admin-a', enterprises: [A] };
  const inspector: Caller = {
    role: 'inspector',
    subject: 'inspector-1',
    enterprises: [A],
    districts: ['130102'],
  };
  const cityOperator: Caller = { role: 'city-operator', subject: 'ops-1' };

  const of = <T extends TopicName>(topic: T): PayloadOf<T>[] =>
    seen.filter((e): e is EventEnvelope<T> => e.type === topic).map((e) => e.payload as PayloadOf<T>);
  const laneUrl = (enterprise: string) => `${service.url}/api/v1/enterprises/${enterprise}/lanes/${LANE}`;
  const call = async (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: unknown; challenge: string | null }> => {
    const response = await fetch(path, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      challenge: response.headers.get('www-authenticate'),
    };
  };
  const release = { action: 'release', reason: '人工放行：车辆故障' };
  const manual = async (enterprise: string, authorization?: string, extra: Record<string, string> = {}) =>
    call(`${laneUrl(enterprise)}/manual`, {
      body: release,
      headers: {
        'idempotency-key': `auth-${randomUUID()}`,
        ...(authorization ? { authorization } : {}),
        ...extra,
      },
    });
  const barrierState = async (state: 'opened' | 'closed', authorization?: string) =>
    call(`${laneUrl(A)}/barrier-state`, {
      body: { state, deviceId: 'io-1' },
      headers: authorization ? { authorization } : {},
    });

  beforeAll(async () => {
    issuer = await TestIssuer.start(['camera-ingest', 'barrier-control']);
    const kafkaOptions = {
      ...kafkaClientOptions(),
      clientId: 'barrier-control-auth-int',
      topicPrefix: `it-${randomUUID().slice(0, 8)}.`,
    };
    const enterprise = (enterpriseId: string) => ({
      enterpriseId,
      cargoVolume: '10-or-more' as const,
      alertLevel: 'orange' as const,
      lanes: [
        {
          siteId: 'site-1',
          gateId: 'gate-1',
          laneId: LANE,
          direction: 'in' as const,
          barrier: { driver: 'vzenith-reply' as const },
        },
      ],
    });
    const settings = new ConfigGateSettings({ enterprises: [enterprise(A), enterprise(B)] });
    service = await startBarrierControl(
      {
        messaging: { kind: 'kafka', kafka: kafkaOptions },
        http: { host: '127.0.0.1', port: 0 },
        lanes: { reversingWindowSeconds: 60, openCycleMs: 15_000, fusionWaitMs: 0 },
        drivers: {
          isapiTimeoutMs: 1_000,
          dahuaTimeoutMs: 1_000,
          vzenithReplyTtlMs: 60_000,
          vzenithReplyWaitMs: 100,
        },
        verifier: issuer.verifierOptions,
      },
      { settings, vehicles: new InMemoryVehicleRegistry(settings.vehicles) },
      logger,
    );
    const messaging = { ...kafkaOptions, logger };
    const kafka = createKafka(messaging);
    const record = async (event: EventEnvelope) => void seen.push(event);
    reader = new KafkaEventConsumer(kafka, messaging, {
      groupId: `reader-${randomUUID().slice(0, 8)}`,
      handlers: {
        'gate.barrier.decided.v1': record,
        'gate.barrier.commanded.v1': record,
        'gate.violation.detected.v1': record,
      },
    });
    await ensureTopics(
      kafka,
      reader.topics().map((name) => ({ name })),
    );
    await reader.start();
    await Promise.all([reader.ready(), service.ready()]);
  }, 90_000);

  afterAll(() =>
    releaseAll(
      () => reader?.stop(),
      () => service?.close(),
      () => issuer?.close(),
    ),
  );

  it('attack: manual barrier release by anonymous, a forged token or an X-Operator-Id header: 401', async () => {
    const anonymous = await manual(A);
    expect(anonymous).toEqual({
      status: 401,
      body: { code: 'unauthenticated', reason: 'a valid bearer token is required' },
      challenge: 'Bearer',
    });
    expect((await manual(A, undefined, { 'x-operator-id': 'gatekeeper-a' })).status).toBe(401);

    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'ecogate-gateway',
      aud: 'ecogate-services',
      sub: 'gatekeeper-a',
      name: 'gatekeeper-a',
      role: 'enterprise-staff',
      ent: [A],
      iat: now,
      exp: now + 120,
    };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'untrusted key': await issuer.forge(claims, { key: 'untrusted' }),
      expired: await issuer.forge({ ...claims, iat: now - 400, exp: now - 100 }),
      'wrong audience': await issuer.forge({ ...claims, aud: 'ecogate-console' }),
    };
    for (const [what, token] of Object.entries(forged)) {
      const answer = await manual(A, `Bearer ${token}`);
      expect({ what, status: answer.status, challenge: answer.challenge }).toEqual({
        what,
        status: 401,
        challenge: 'Bearer',
      });
    }
    expect(service.vzenith.takeReply(A, LANE)).toBeUndefined();
  });

  it('attack: manual release by another enterprise’s staff (404), an inspector or the city (403)', async () => {
    const foreign = await manual(A, await issuer.bearer(gatekeeperB));
    expect(foreign).toMatchObject({ status: 404, body: { code: 'enterprise-not-found' } });
    for (const caller of [
      inspector,
      cityOperator,
      { role: 'city-admin', subject: 'city-admin-1' } as Caller,
    ]) {
      const answer = await manual(A, await issuer.bearer(caller));
      expect({ role: caller.role, ...answer }).toMatchObject({
        role: caller.role,
        status: 403,
        body: { code: 'forbidden' },
      });
    }
    // A service may not lift a barrier either, not even camera-ingest.
    expect((await manual(A, await issuer.serviceBearer('camera-ingest'))).status).toBe(403);
    expect(service.vzenith.takeReply(A, LANE)).toBeUndefined();
  });

  it('the enterprise’s own gatekeeper releases; the events name the token’s subject', async () => {
    const subject = 'user:4711@ent-a.example';
    const done = await manual(A, await issuer.bearer({ ...gatekeeperA, subject, name: '张三' }));
    expect(done.status).toBe(202);
    expect(service.vzenith.takeReply(A, LANE)).toMatchObject({ action: 'open' });
    await expectEventually(() =>
      expect(
        of('gate.barrier.commanded.v1').map((c) => [c.lane.enterpriseId, c.trigger, c.operator?.id]),
      ).toEqual([[A, 'manual', subject]]),
    );
    // Every manual event so far is this one release: none of the refused attempts reached the lane.
    expect(of('gate.barrier.decided.v1').filter((d) => d.operator)).toEqual([]);
    expect(of('gate.barrier.commanded.v1').filter((c) => c.lane.enterpriseId === B)).toEqual([]);
  });

  it('attack: barrier-state injection by anyone but camera-ingest (or the city’s operators)', async () => {
    expect(await barrierState('opened')).toMatchObject({ status: 401, challenge: 'Bearer' });
    for (const caller of [gatekeeperA, adminA, gatekeeperB, inspector]) {
      const answer = await barrierState('opened', await issuer.bearer(caller));
      expect({ role: caller.role, status: answer.status }).toEqual({ role: caller.role, status: 403 });
    }
    // Another service's key is no camera-ingest.
    expect((await barrierState('opened', await issuer.serviceBearer('barrier-control'))).status).toBe(403);
    // A service token claiming to be camera-ingest, signed with barrier-control's key: 401.
    const now = Math.floor(Date.now() / 1000);
    const impostor = await issuer.forge(
      {
        iss: 'ecogate-service',
        aud: 'ecogate-services',
        sub: 'camera-ingest',
        name: 'camera-ingest',
        role: 'service',
        ent: '*',
        iat: now,
        exp: now + 120,
      },
      { key: 'barrier-control', kid: 'camera-ingest' },
    );
    expect((await barrierState('opened', `Bearer ${impostor}`)).status).toBe(401);

    const reported = await barrierState('closed', await issuer.serviceBearer('camera-ingest'));
    expect(reported).toMatchObject({ status: 202, body: { phase: 'closed', ignored: false } });
    // None of the injected opens counted: no "opened without decision" on the lane.
    await new Promise((settle) => setTimeout(settle, 500));
    expect(of('gate.violation.detected.v1')).toEqual([]);
  });

  it('the Vzenith reply is camera-ingest’s question alone', async () => {
    const ask = async (authorization?: string) =>
      call(`${laneUrl(A)}/vzenith-reply?captureId=cap-auth-1`, {
        method: 'GET',
        headers: authorization ? { authorization } : {},
      });
    expect((await ask()).status).toBe(401);
    expect((await ask(await issuer.bearer(cityOperator))).status).toBe(403);
    expect((await ask(await issuer.bearer(gatekeeperA))).status).toBe(403);
    expect(await ask(await issuer.serviceBearer('camera-ingest'))).toMatchObject({
      status: 200,
      body: { captureId: 'cap-auth-1', open: false },
    });
  });
  it('route matrix: every documented route, called by every caller, answers as the policy table says', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as OpenApiDocument;
    const matrix = await checkRouteMatrix(service.url, document, POLICY['barrier-control'], issuer);
    expect(matrix).toMatchObject({ mismatches: [], unlisted: [], undocumented: [] });
    expect(matrix.calls).toBeGreaterThan(20);
  });
});
