import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { TestIssuer } from '@ecogate/auth';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer, KafkaEventPublisher } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaClientOptions, releaseAll } from '@ecogate/testing';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';
import { type BarrierControlService, startBarrierControl } from '../start-barrier-control';
import { InMemoryVehicleRegistry } from '../vehicles/in-memory-vehicle-registry';
import { vzenithReplyAnswerSchema } from './vzenith-reply.schemas';

type GatesFile = ConstructorParameters<typeof ConfigGateSettings>[0];
type LaneEntry = GatesFile['enterprises'][number]['lanes'][number];
type VehicleEntry = NonNullable<GatesFile['enterprises'][number]['vehicles']>[number];

const ENT = `ent-vz-${randomUUID().slice(0, 6)}`;
// Long enough that a loaded machine decides within it; the "undecided" case waits it out once.
const WAIT_MS = 5_000;

describe('GET …/vzenith-reply: the Vzenith push reply asks barrier-control over real HTTP and Kafka', () => {
  const logger = createLogger({ service: 'vzenith-reply-int', level: 'fatal' });
  let service: BarrierControlService;
  let publisher: KafkaEventPublisher;
  let reader: KafkaEventConsumer;
  const commanded: EventEnvelope<'gate.barrier.commanded.v1'>[] = [];
  // The route is camera-ingest's alone: it asks with its own service token.
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start(['camera-ingest']);
    const kafkaOptions = {
      ...kafkaClientOptions(),
      clientId: 'vzenith-reply-int',
      topicPrefix: `it-${randomUUID().slice(0, 8)}.`,
    };
    const lane = (gateId: string, laneId: string, barrier: LaneEntry['barrier']): LaneEntry => ({
      siteId: 'site-1',
      gateId,
      laneId,
      direction: 'in',
      barrier,
    });
    const truck = (plate: string, stage: 'IV' | 'VI'): VehicleEntry => ({
      plate,
      category: 'heavy-truck',
      fuel: 'diesel',
      evidence: [{ stage, source: 'platform-query', at: '2024-01-01T00:00:00Z' }],
    });
    const settings = new ConfigGateSettings({
      enterprises: [
        {
          enterpriseId: ENT,
          cargoVolume: '10-or-more',
          alertLevel: 'orange',
          lanes: [
            lane('gate-1', 'vz-1', { driver: 'vzenith-reply' }),
            lane('gate-2', 'vz-2', { driver: 'vzenith-reply' }),
            lane('gate-4', 'vz-3', { driver: 'vzenith-reply' }),
            lane('gate-5', 'vz-4', { driver: 'vzenith-reply' }),
            lane('gate-3', 'isapi-1', {
              driver: 'hikvision-isapi',
              baseUrl: 'http://127.0.0.1:1',
              channel: 1,
            }),
          ],
          vehicles: [truck('冀A66666', 'VI'), truck('冀A44444', 'IV')],
        },
      ],
    });
    service = await startBarrierControl(
      {
        messaging: { kind: 'kafka', kafka: kafkaOptions },
        http: { host: '127.0.0.1', port: 0 },
        // Camera reads only here: the lane acts at once.
        lanes: { reversingWindowSeconds: 60, openCycleMs: 15_000, fusionWaitMs: 0 },
        drivers: {
          isapiTimeoutMs: 500,
          dahuaTimeoutMs: 500,
          vzenithReplyTtlMs: 10_000,
          vzenithReplyWaitMs: WAIT_MS,
        },
        verifier: issuer.verifierOptions,
      },
      { settings, vehicles: new InMemoryVehicleRegistry(settings.vehicles) },
      logger,
    );
    const messaging = { ...kafkaOptions, logger };
    const kafka = createKafka(messaging);
    publisher = new KafkaEventPublisher(kafka, messaging);
    await publisher.connect();
    reader = new KafkaEventConsumer(kafka, messaging, {
      groupId: `reader-${randomUUID().slice(0, 8)}`,
      handlers: { 'gate.barrier.commanded.v1': async (event) => void commanded.push(event) },
    });
    await ensureTopics(
      kafka,
      reader.topics().map((name) => ({ name })),
    );
    await reader.start();
    await Promise.all([reader.ready(), service.ready()]);
  });

  afterAll(() =>
    releaseAll(
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => service?.close(),
      () => issuer?.close(),
    ),
  );

  const read = (plate: string, laneId: string): PayloadOf<'anpr.plate.read.v1'> => {
    const captureId = `cap-${randomUUID().slice(0, 8)}`;
    return {
      readId: `read-${captureId}`,
      captureId,
      cameraId: 'cam-vz',
      lane: { enterpriseId: ENT, siteId: 'site-1', gateId: 'gate-x', laneId, direction: 'in' },
      capturedAt: new Date().toISOString(),
      source: 'camera',
      plate: { text: plate, colour: 'yellow', confidence: 0.98 },
      verdict: 'trusted',
      reviewReasons: [],
      images: {},
    };
  };

  const ask = async (laneId: string, query: string) => {
    const started = Date.now();
    const response = await fetch(
      `${service.url}/api/v1/enterprises/${ENT}/lanes/${laneId}/vzenith-reply?${query}`,
      { headers: { authorization: await issuer.serviceBearer('camera-ingest') } },
    );
    return { status: response.status, body: (await response.json()) as unknown, ms: Date.now() - started };
  };

  /** As camera-ingest does it: publish the read, then ask while the camera waits for its reply. */
  async function pushAndAsk(plate: string, laneId: string) {
    const payload = read(plate, laneId);
    const question = ask(laneId, `captureId=${payload.captureId}`);
    await publisher.publish('anpr.plate.read.v1', { enterpriseId: ENT, key: laneId, payload });
    return { payload, answer: await question };
  }

  it('answers open for an admitted truck, once, and audits the open as a vzenith-reply command', async () => {
    const { payload, answer } = await pushAndAsk('冀A66666', 'vz-1');
    expect(answer.status).toBe(200);
    expect(vzenithReplyAnswerSchema.parse(answer.body)).toEqual({
      captureId: payload.captureId,
      open: true,
      outcome: 'open',
    });
    await expectEventually(() =>
      expect(commanded.map((e) => e.payload)).toContainEqual(
        expect.objectContaining({ driver: 'vzenith-reply', action: 'open', outcome: 'done' }),
      ),
    );
    // The open was taken by that reply: asking again for the same capture does not open twice.
    const again = await ask('vz-1', `captureId=${payload.captureId}`);
    expect(again.body).toMatchObject({ open: false, outcome: 'undecided' });
  });

  it('answers closed as soon as the lane denies (国IV diesel on an orange alert)', async () => {
    const { payload, answer } = await pushAndAsk('冀A44444', 'vz-2');
    expect(answer.body).toEqual({ captureId: payload.captureId, open: false, outcome: 'closed' });
    expect(answer.ms).toBeLessThan(WAIT_MS);
  });

  it('stays closed when nothing is decided within the wait, and on a lane with another barrier driver', async () => {
    const unknown = await ask('vz-1', `captureId=cap-never-read`);
    expect(unknown.body).toEqual({ captureId: 'cap-never-read', open: false, outcome: 'undecided' });
    expect(unknown.ms).toBeGreaterThanOrEqual(WAIT_MS - 50);
    const isapi = await ask('isapi-1', `captureId=cap-x`);
    expect(isapi.body).toMatchObject({ open: false, outcome: 'closed' });
    expect(isapi.ms).toBeLessThan(WAIT_MS);
  });

  it("camera-ingest's HttpBarrierDecision, run in its own process, opens only for the admitted capture", async () => {
    const admitted = read('冀A66666', 'vz-3');
    const denied = read('冀A44444', 'vz-4');
    // Apps do not import apps: the client runs from camera-ingest's source in a child process (tsx).
    const client = resolve(
      __dirname,
      '../../../camera-ingest/src/push/barrier-decision/http-barrier-decision',
    );
    const dir = mkdtempSync(join(tmpdir(), 'vz-reply-'));
    const script = join(dir, 'ask.ts');
    const pem = join(dir, 'camera-ingest.pem');
    writeFileSync(pem, issuer.servicePem('camera-ingest'), { mode: 0o600 });
    // As camera-ingest does it, the question is asked while the reads are published. Loading the
    // client can take seconds on a busy machine, longer than a decided open stays valid: the child
    // says when it is ready, and asks on a line from the test.
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
import { HttpBarrierDecision } from ${JSON.stringify(client)};
import { ServiceToken } from '@ecogate/auth';
import { createLogger } from '@ecogate/telemetry';
const [baseUrl, questions] = [process.argv[2]!, JSON.parse(process.argv[3]!)];
// camera-ingest's own token, as its main.ts builds it.
const signing = ServiceToken.fromPem('camera-ingest', readFileSync(${JSON.stringify(pem)}, 'utf8'));
const token = { header: async () => (await signing).header() };
const port = new HttpBarrierDecision({ baseUrl, timeoutMs: 10_000, token }, createLogger({ service: 'ask', level: 'fatal' }));
process.stdin.once('data', () =>
  void Promise.all(questions.map((q: { lane: never; captureId: string }) =>
    port.decide({ ...q, deviceId: 'cam-vz', plateText: 'x', verdict: 'trusted', capturedAt: new Date() }),
  )).then((answers) => process.stdout.write(JSON.stringify(answers) + '\\n', () => process.exit(0))),
);
process.stdout.write('ready\\n');
`,
    );
    const questions = [admitted, denied].map((p) => ({ lane: p.lane, captureId: p.captureId }));
    const child = spawn(
      resolve(__dirname, '../../../../node_modules/.bin/tsx'),
      [
        '--tsconfig',
        resolve(__dirname, '../../../../tsconfig.base.json'),
        script,
        service.url,
        JSON.stringify(questions),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('ready');
      child.stdin.write('ask\n');
      for (const payload of [admitted, denied]) {
        await publisher.publish('anpr.plate.read.v1', {
          enterpriseId: ENT,
          key: payload.lane.laneId,
          payload,
        });
      }
      const answers = (await lines.next()).value as string;
      expect(JSON.parse(answers)).toEqual([
        { kind: 'open' },
        { kind: 'keep-closed', reason: 'barrier-control decided closed' },
      ]);
      await expectEventually(() =>
        expect(commanded.filter((e) => e.payload.lane.laneId === 'vz-3')).toHaveLength(1),
      );
    } finally {
      child.kill();
    }
  }, 60_000);

  it('refuses bad requests with a typed 4xx', async () => {
    expect(await ask('vz-1', '')).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    expect(await ask('vz-1', 'captureId=a&extra=1')).toMatchObject({ status: 400 });
    expect(await ask('nope', 'captureId=a')).toMatchObject({
      status: 404,
      body: { code: 'lane-not-found' },
    });
    // The running service documents this endpoint.
    const openApi = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(openApi.paths)).toContain(
      '/api/v1/enterprises/{enterpriseId}/lanes/{laneId}/vzenith-reply',
    );
  });
});
