import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { TestIssuer } from '@ecogate/auth';
import { CameraSimulator } from '@ecogate/camera-simulator';
import { type EventEnvelope, type PayloadOf, type TopicName } from '@ecogate/contracts';
import {
  createKafka,
  ensureTopics,
  KafkaEventConsumer,
  KafkaEventPublisher,
  physicalTopic,
} from '@ecogate/messaging';
import { createTemporaryDatabase, type TemporaryDatabase } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import {
  expectEventually,
  kafkaClientOptions,
  kafkaServiceEnv,
  loadInfraEnv,
  releaseAll,
  freePort,
} from '@ecogate/testing';

// barrier-control as a real process (its production entry point, its own database) killed with
// SIGKILL while a camera read waits for the server's read, and restarted again after it decided: no
// read may be lost, and no read redelivered after a restart may decide or open the barrier again.

const ROOT = resolve(__dirname, '../../..');
const ENT = `ent-bcr-${randomUUID().slice(0, 8)}`;
const LANE = {
  enterpriseId: ENT,
  siteId: 'site-1',
  gateId: 'gate-1',
  laneId: 'in-1',
  direction: 'in' as const,
};
const FUSION_WAIT_MS = 5_000;

/** `tsx apps/barrier-control/src/main.ts [args]` in its own process group, its JSON log lines kept. */
class BarrierProcess {
  readonly lines: Record<string, unknown>[] = [];
  private tail = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly url: string;

  constructor(env: Record<string, string>, args: string[] = []) {
    this.url = `http://127.0.0.1:${env['HTTP_PORT']}`;
    const tsx = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');
    this.child = spawn(
      process.execPath,
      [tsx, '--tsconfig', 'tsconfig.base.json', 'apps/barrier-control/src/main.ts', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', ...env },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.exited = new Promise((done) => this.child.once('exit', done));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        this.tail = (this.tail + line + '\n').slice(-4_000);
        if (line.startsWith('{')) this.lines.push(JSON.parse(line) as Record<string, unknown>);
      });
    }
  }

  /** Resolves once the process logged `msg`; fails with its output when it exits first. */
  async waitFor(msg: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.some((line) => line['msg'] === msg)) {
      if (this.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`no "${msg}" (exit ${this.child.exitCode}):\n${this.tail}`);
      await new Promise((later) => setTimeout(later, 50));
    }
  }

  /** kill -9 of tsx and the node process it runs: no shutdown hook, no flush. */
  async kill(): Promise<void> {
    if (this.child.pid && this.child.exitCode === null) process.kill(-this.child.pid, 'SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.pid && this.child.exitCode === null && this.child.signalCode === null)
      process.kill(-this.child.pid, 'SIGTERM');
    await this.exited;
  }

  output(): string {
    return this.tail;
  }
}

describe('barrier-control killed during a fusion wait and after deciding', () => {
  const infra = loadInfraEnv();
  const logger = createLogger({ service: 'barrier-control-restart-int', level: 'fatal' });
  const messaging = {
    ...kafkaClientOptions(infra),
    clientId: 'bc-restart-int',
    logger,
    topicPrefix: `it-${randomUUID().slice(0, 8)}.`,
  };
  const camera = new CameraSimulator({ vendor: 'hikvision', pushUrl: 'http://127.0.0.1:1/unused' });
  const seen: EventEnvelope[] = [];
  const processes: BarrierProcess[] = [];
  let database: TemporaryDatabase;
  let workDir: string;
  let env: Record<string, string>;
  let publisher: KafkaEventPublisher;
  let reader: KafkaEventConsumer;
  let issuer: TestIssuer;

  const of = <T extends TopicName>(topic: T) =>
    seen.filter((e): e is EventEnvelope<T> => e.type === topic).map((e) => e.payload as PayloadOf<T>);
  const start = async (): Promise<BarrierProcess> => {
    const service = new BarrierProcess({ ...env, HTTP_PORT: String(await freePort()) });
    processes.push(service);
    await service.waitFor('barrier-control ready');
    return service;
  };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'bc-restart-'));
    // As deployed: the gateway's JWKS URL, the services' public keys and its own key, from files.
    issuer = await TestIssuer.start(['barrier-control', 'camera-ingest']);
    await writeFile(join(workDir, 'service-keys.json'), JSON.stringify(issuer.serviceKeys), { mode: 0o600 });
    await writeFile(join(workDir, 'barrier-control.pem'), issuer.servicePem('barrier-control'), {
      mode: 0o600,
    });
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'bc_restart_it');
    const gatesFile = join(workDir, 'gates.json');
    await writeFile(
      gatesFile,
      JSON.stringify({
        enterprises: [
          {
            enterpriseId: ENT,
            cargoVolume: '10-or-more',
            alertLevel: 'orange',
            lanes: [
              {
                siteId: 'site-1',
                gateId: 'gate-1',
                laneId: 'in-1',
                direction: 'in',
                barrier: { driver: 'hikvision-isapi', baseUrl: await camera.start(), channel: 1 },
              },
            ],
            vehicles: [
              {
                plate: '冀A66666',
                category: 'heavy-truck',
                fuel: 'diesel',
                evidence: [{ stage: 'VI', source: 'platform-query', at: '2024-01-01T00:00:00Z' }],
              },
            ],
          },
        ],
      }),
    );
    env = {
      DATABASE_URL: database.url,
      ...kafkaServiceEnv(infra),
      KAFKA_TOPIC_PREFIX: messaging.topicPrefix,
      HTTP_HOST: '127.0.0.1',
      TELEMETRY_ENABLED: 'false',
      LOG_LEVEL: 'info',
      BARRIER_GATES_FILE: gatesFile,
      BARRIER_FUSION_WAIT_MS: String(FUSION_WAIT_MS),
      BARRIER_ISAPI_TIMEOUT_MS: '2000',
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_SERVICE_KEYS_FILE: join(workDir, 'service-keys.json'),
      SERVICE_SIGNING_KEY_FILE: join(workDir, 'barrier-control.pem'),
    };
    const migrate = new BarrierProcess(env, ['--migrate']);
    expect({ code: await migrate.exited, output: migrate.output() }).toMatchObject({ code: 0 });

    const kafka = createKafka(messaging);
    publisher = new KafkaEventPublisher(kafka, messaging);
    await publisher.connect();
    reader = new KafkaEventConsumer(kafka, messaging, {
      groupId: `reader-${randomUUID().slice(0, 8)}`,
      handlers: {
        'gate.barrier.decided.v1': async (event) => void seen.push(event),
        'gate.barrier.commanded.v1': async (event) => void seen.push(event),
      },
    });
    await ensureTopics(kafka, [
      ...reader.topics().map((name) => ({ name })),
      { name: physicalTopic(messaging, 'anpr.plate.read.v1') },
    ]);
    await reader.start();
    await reader.ready();
  }, 90_000);

  afterAll(() =>
    releaseAll(
      ...processes.map((service) => () => service.stop()),
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => camera.stop(),
      () => database?.drop(),
      () => rm(workDir, { recursive: true, force: true }),
      () => issuer?.close(),
    ),
  );

  const read = (source: 'camera' | 'server'): PayloadOf<'anpr.plate.read.v1'> => ({
    readId: `read-${source}-${ENT}`,
    captureId: `cap-${ENT}`,
    cameraId: 'cam-1',
    lane: LANE,
    capturedAt: new Date().toISOString(),
    source,
    plate: { text: '冀A66666', colour: 'yellow', confidence: 0.98 },
    verdict: 'trusted',
    reviewReasons: [],
    images: {},
  });
  const publish = (payload: PayloadOf<'anpr.plate.read.v1'>) =>
    publisher.publish('anpr.plate.read.v1', { enterpriseId: ENT, key: LANE.laneId, payload });

  it('loses no held read and never decides or opens twice', async () => {
    // 1. The camera read is held for the server's read; the process dies within the wait.
    const first = await start();
    const cameraRead = await publish(read('camera'));
    await first.waitFor('read held for fusion', 20_000);
    await first.kill();
    expect(of('gate.barrier.decided.v1')).toEqual([]);

    // 2. Restarted: the held read is decided (at once, or when its wait runs out), the barrier opens once.
    const second = await start();
    await expectEventually(() => expect(of('gate.barrier.decided.v1')).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    const [decision] = of('gate.barrier.decided.v1');
    expect(decision).toMatchObject({ readId: cameraRead.payload.readId, verdict: 'allow' });
    await expectEventually(() => expect(camera.barrierCommands()).toHaveLength(1));

    // The late server read, and the camera read redelivered: one republished decision, nothing new.
    await publish(read('server'));
    await publisher.publishEnvelope(cameraRead, LANE.laneId);
    await second.waitFor('late read of a capture already decided: nothing to change');
    await expectEventually(() => expect(of('gate.barrier.decided.v1')).toHaveLength(2));

    // 3. Restarted after deciding; both reads once more. Stopped (SIGTERM) rather than killed: a
    // killed member holds its partitions for Kafka's 30 s session timeout, and memory is lost either way.
    await second.stop();
    await start();
    await publish(read('server'));
    await publisher.publishEnvelope(cameraRead, LANE.laneId);
    await expectEventually(() => expect(of('gate.barrier.decided.v1')).toHaveLength(3));
    await new Promise((settle) => setTimeout(settle, 1_500));

    expect(new Set(of('gate.barrier.decided.v1').map((d) => d.decisionId))).toEqual(
      new Set([decision!.decisionId]),
    );
    expect(camera.barrierCommands()).toEqual([{ kind: 'barrier', command: 'open', via: 'isapi' }]);
    expect(of('gate.barrier.commanded.v1')).toMatchObject([
      { decisionId: decision!.decisionId, outcome: 'done' },
    ]);
  }, 90_000);

  it('verifies callers with the keys its environment names (gateway JWKS, service keys file)', async () => {
    const running = processes.at(-1) ?? (await start());
    const lane = `${running.url}/api/v1/enterprises/${ENT}/lanes/${LANE.laneId}`;
    const post = (path: string, body: unknown, authorization?: string) =>
      fetch(`${lane}/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `restart-${randomUUID()}`,
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify(body),
      });
    const release = { action: 'release', reason: '复位测试' };
    const anonymous = await post('manual', release);
    expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    // camera-ingest's own key, trusted through AUTH_SERVICE_KEYS_FILE.
    const reported = await post(
      'barrier-state',
      { state: 'closed' },
      await issuer.serviceBearer('camera-ingest'),
    );
    expect(reported.status).toBe(202);
    // A gatekeeper's gateway token, verified against AUTH_JWKS_URL; the event names its subject.
    const gatekeeper = await issuer.bearer({
      role: 'enterprise-staff',
      subject: 'guard-r1',
      enterprises: [ENT],
    });
    expect((await post('manual', release, gatekeeper)).status).toBe(202);
    await expectEventually(() =>
      expect(of('gate.barrier.commanded.v1').map((c) => c.operator?.id)).toContain('guard-r1'),
    );
  }, 60_000);

  it('does not start against the ledger without its own signing key, and says which variable', async () => {
    const { SERVICE_SIGNING_KEY_FILE: _key, ...withoutKey } = env;
    const refused = new BarrierProcess({
      ...withoutKey,
      HTTP_PORT: String(await freePort()),
      LEDGER_URL: 'http://127.0.0.1:1',
    });
    expect(await refused.exited).not.toBe(0);
    expect(refused.output()).toContain('SERVICE_SIGNING_KEY_FILE');
  }, 60_000);
});
