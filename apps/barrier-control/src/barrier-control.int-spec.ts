import { randomUUID } from 'node:crypto';
import { TestIssuer } from '@ecogate/auth';
import { CameraSimulator } from '@ecogate/camera-simulator';
import { type EventEnvelope, type PayloadOf, type TopicName } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import { createTemporaryDatabase, openPostgresEventLog } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, PROFILES, releaseAll, type TestProfile, testProfile } from '@ecogate/testing';
import { ConfigGateSettings } from './gate-settings/config-gate-settings';
import { type BarrierControlService, startBarrierControl } from './start-barrier-control';
import { InMemoryVehicleRegistry } from './vehicles/in-memory-vehicle-registry';

const ENT = 'ent-bc';
const laneRef = (laneId: string, direction: 'in' | 'out' = 'in') => ({
  enterpriseId: ENT,
  siteId: 'site-1',
  gateId: laneId.startsWith('g2') ? 'gate-2' : 'gate-1',
  laneId,
  direction,
});

// The same lane on both profiles (ADR 0008): reads in, decisions and barrier commands out, over real
// Kafka or over the embedded event log (a Postgres database of its own).
describe.each(PROFILES)('barrier-control over %s and the camera simulator', (profile) => {
  const logger = createLogger({ service: 'barrier-control-int', level: 'fatal' });
  const camera = new CameraSimulator({ vendor: 'hikvision', pushUrl: 'http://127.0.0.1:1/unused' });
  const seen: { [T in TopicName]?: EventEnvelope<T>[] } = {};
  let service: BarrierControlService;
  /** The bus of the profile (its object store goes unused). */
  let deployment: TestProfile;
  let transport: MessagingTransport;
  let publisher: ConnectablePublisher;
  let reader: EventConsumer;
  let issuer: TestIssuer;

  const events = <T extends TopicName>(topic: T): EventEnvelope<T>[] =>
    (seen[topic] ?? []) as EventEnvelope<T>[];

  beforeAll(async () => {
    issuer = await TestIssuer.start(['camera-ingest']);
    const cameraUrl = await camera.start();
    deployment = await testProfile(profile, {
      clientId: 'barrier-control-int',
      name: 'barrier-control-it',
      createDatabase: createTemporaryDatabase,
    });
    const settings = new ConfigGateSettings({
      enterprises: [
        {
          enterpriseId: ENT,
          cargoVolume: '10-or-more',
          alertLevel: 'orange',
          lanes: [
            {
              siteId: 'site-1',
              gateId: 'gate-1',
              laneId: 'g1-in',
              direction: 'in',
              barrier: { driver: 'hikvision-isapi', baseUrl: cameraUrl, channel: 1 },
            },
            {
              siteId: 'site-1',
              gateId: 'gate-2',
              laneId: 'g2-in',
              direction: 'in',
              barrier: { driver: 'hikvision-isapi', baseUrl: cameraUrl, channel: 2 },
            },
          ],
          vehicles: [
            {
              plate: '冀A66666',
              category: 'heavy-truck',
              fuel: 'diesel',
              evidence: [{ stage: 'VI', source: 'platform-query', at: '2024-01-01T00:00:00Z' }],
            },
            {
              plate: '冀A44444',
              category: 'heavy-truck',
              fuel: 'diesel',
              evidence: [{ stage: 'IV', source: 'platform-query', at: '2024-01-01T00:00:00Z' }],
            },
            {
              plate: '冀B66666',
              category: 'heavy-truck',
              fuel: 'diesel',
              evidence: [{ stage: 'VI', source: 'document', at: '2024-01-01T00:00:00Z' }],
            },
            {
              plate: '冀C66666',
              category: 'heavy-truck',
              fuel: 'diesel',
              evidence: [{ stage: 'VI', source: 'document', at: '2024-01-01T00:00:00Z' }],
            },
          ],
        },
      ],
    });
    service = await startBarrierControl(
      {
        messaging: deployment.messaging,
        http: { host: '127.0.0.1', port: 0 },
        lanes: { reversingWindowSeconds: 60, openCycleMs: 15_000, fusionWaitMs: 0 },
        drivers: { isapiTimeoutMs: 2_000, dahuaTimeoutMs: 2_000, vzenithReplyTtlMs: 10_000 },
        verifier: issuer.verifierOptions,
      },
      { settings, vehicles: new InMemoryVehicleRegistry(settings.vehicles) },
      logger,
    );
    // The test's side of the bus: a transport of the same profile, as another service would have.
    transport = await createMessagingTransport(deployment.messaging, {
      logger,
      openEventLog: openPostgresEventLog,
    });
    publisher = transport.createPublisher();
    await publisher.connect();
    const record = async (event: EventEnvelope) => {
      (seen[event.type] ??= [] as never[]).push(event as never);
    };
    reader = transport.createConsumer({
      groupId: `reader-${randomUUID().slice(0, 8)}`,
      handlers: {
        'gate.barrier.decided.v1': record,
        'gate.barrier.commanded.v1': record,
        'gate.violation.detected.v1': record,
      },
    });
    await transport.ensureTopics(reader.topics().map((name) => ({ name })));
    await reader.start();
    await Promise.all([reader.ready(), service.ready()]);
  });

  afterAll(() =>
    releaseAll(
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => service?.close(),
      () => transport?.close(),
      () => deployment?.release(),
      () => camera.stop(),
      () => issuer?.close(),
    ),
  );

  const read = (
    plate: string,
    laneId: string,
    captureId = `cap-${randomUUID().slice(0, 8)}`,
  ): PayloadOf<'anpr.plate.read.v1'> => ({
    readId: `read-${captureId}`,
    captureId,
    cameraId: 'cam-1',
    lane: laneRef(laneId),
    capturedAt: new Date().toISOString(),
    source: 'camera',
    plate: { text: plate, colour: 'yellow', confidence: 0.98 },
    verdict: 'trusted',
    reviewReasons: [],
    images: {},
  });
  const send = (payload: PayloadOf<'anpr.plate.read.v1'>) =>
    publisher.publish('anpr.plate.read.v1', { enterpriseId: ENT, key: payload.lane.laneId, payload });

  it('opens for a trusted 国VI truck: allow decision, ISAPI open on the camera, commanded event', async () => {
    const payload = read('冀A66666', 'g1-in');
    await send(payload);
    // Decisions and commands are on different topics: neither transport orders one after the other.
    const decision = await expectEventually(() => {
      expect(events('gate.barrier.commanded.v1').map((e) => e.payload.decisionId)).toHaveLength(1);
      const decided = events('gate.barrier.decided.v1').find((e) => e.payload.readId === payload.readId);
      expect(decided).toBeDefined();
      return decided!;
    });
    expect(decision.payload).toMatchObject({
      verdict: 'allow',
      alertLevel: 'orange',
      stage: { stage: 'VI' },
    });
    expect(camera.barrierCommands()).toEqual([{ kind: 'barrier', command: 'open', via: 'isapi' }]);
    expect(events('gate.barrier.commanded.v1')[0]!.payload).toMatchObject({
      decisionId: decision.payload.decisionId,
      action: 'open',
      driver: 'hikvision-isapi',
      trigger: 'decision',
      outcome: 'done',
    });
  });

  it('refuses an orange-alert 国IV diesel heavy truck: deny with the reason, no barrier command', async () => {
    const payload = read('冀A44444', 'g2-in');
    await send(payload);
    await expectEventually(() =>
      expect(events('gate.barrier.decided.v1').some((e) => e.payload.readId === payload.readId)).toBe(true),
    );
    const decision = events('gate.barrier.decided.v1').find((e) => e.payload.readId === payload.readId)!;
    expect(decision.payload).toMatchObject({ verdict: 'deny', reasons: ['stage-below-minimum'] });
    expect(decision.payload.message.zh).toContain('国四');
    expect(
      events('gate.barrier.commanded.v1').filter((e) => e.payload.decisionId === decision.payload.decisionId),
    ).toEqual([]);
    expect(camera.barrierCommands()).toHaveLength(1);
  });

  it('decides once on a read delivered three times, tailgating behind it is flagged', async () => {
    const payload = read('冀B66666', 'g2-in');
    await send(payload);
    await send(payload);
    await send(payload);
    await expectEventually(() =>
      expect(
        events('gate.barrier.decided.v1').filter((e) => e.payload.readId === payload.readId),
      ).toHaveLength(3),
    );
    const decisions = events('gate.barrier.decided.v1').filter((e) => e.payload.readId === payload.readId);
    expect(new Set(decisions.map((e) => e.payload.decisionId)).size).toBe(1);
    expect(new Set(decisions.map((e) => e.eventId)).size).toBe(1);
    await expectEventually(() => expect(camera.barrierCommands()).toHaveLength(2));

    // A second vehicle read while the barrier is still up for 冀B66666.
    await send(read('冀C66666', 'g2-in'));
    await expectEventually(() =>
      expect(
        events('gate.violation.detected.v1').map((e) => [e.payload.kind, e.payload.plate]),
      ).toContainEqual(['tailgating', '冀C66666']),
    );
    expect(camera.barrierCommands()).toHaveLength(2);
    await expectEventually(() =>
      expect(
        events('gate.barrier.commanded.v1').filter(
          (e) => e.payload.decisionId === decisions[0]!.payload.decisionId,
        ),
      ).toHaveLength(1),
    );
  });

  it('lets an operator refuse the vehicle in front with a reason, audited as a decision', async () => {
    // The enterprise's gatekeeper: the token's subject is the operator the events name.
    const gatekeeper = { role: 'enterprise-staff', subject: 'guard-7', enterprises: [ENT] } as const;
    const manual = async (body: unknown, idempotencyKey?: string) =>
      fetch(`${service.url}/api/v1/enterprises/${ENT}/lanes/g2-in/manual`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: await issuer.bearer(gatekeeper),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
      });
    const refusal = { action: 'refuse', reason: '驾驶员无法出示随车清单' };
    const key = `refuse-${randomUUID()}`;
    const response = await manual(refusal, key);
    expect(response.status).toBe(202);
    // The operator's client retries (lost answer): the same answer, no second decision.
    const retried = await manual(refusal, key);
    expect([retried.status, await retried.json()]).toEqual([202, await response.json()]);
    await expectEventually(() =>
      expect(events('gate.barrier.decided.v1').map((e) => e.payload.operator?.id)).toContain('guard-7'),
    );
    const reused = await manual({ action: 'refuse', reason: 'another reason' }, key);
    expect([reused.status, await reused.json()]).toEqual([
      409,
      { code: 'idempotency-key-reused', reason: expect.any(String) },
    ]);
    const noKey = await manual(refusal);
    expect([noKey.status, await noKey.json()]).toEqual([
      400,
      { code: 'idempotency-key-required', reason: expect.any(String) },
    ]);
    expect((await manual({ action: 'release' }, `bad-${randomUUID()}`)).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      events('gate.barrier.decided.v1').filter((e) => e.payload.operator?.id === 'guard-7'),
    ).toHaveLength(1);
  });
  it('barrier state reports: a close ends the cycle (no tailgating), an unexplained open is a violation', async () => {
    // Reports come in through camera-ingest, with its own service token.
    const report = async (body: unknown) =>
      fetch(`${service.url}/api/v1/enterprises/${ENT}/lanes/g1-in/barrier-state`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: await issuer.serviceBearer('camera-ingest'),
        },
        body: JSON.stringify(body),
      });
    // g1-in is still open for 冀A66666 (first test), well within the 15 s cycle.
    const closed = await report({ state: 'closed', deviceId: 'loop-1' });
    expect([closed.status, await closed.json()]).toEqual([
      202,
      { phase: 'closed', ignored: false, violations: [] },
    ]);

    const next = read('冀A44444', 'g1-in');
    await send(next);
    await expectEventually(() =>
      expect(events('gate.barrier.decided.v1').some((e) => e.payload.readId === next.readId)).toBe(true),
    );
    const opened = await report({ state: 'opened', deviceId: 'io-1' });
    expect(await opened.json()).toMatchObject({ violations: ['opened-without-decision'] });
    await expectEventually(() =>
      expect(
        events('gate.violation.detected.v1')
          .filter((e) => e.payload.lane.laneId === 'g1-in')
          .map((e) => [e.payload.kind, e.payload.plate]),
      ).toEqual([['opened-without-decision', '冀A44444']]),
    );

    const bad = await report({ state: 'ajar' });
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'invalid-request']);
  });
});
