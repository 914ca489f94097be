import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ServiceToken, TestIssuer } from '@ecogate/auth';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import { createKafka, ensureTopics, KafkaEventConsumer, KafkaEventPublisher } from '@ecogate/messaging';
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
import { ConfigGateSettings } from './gate-settings/config-gate-settings';
import { gatePorts } from './gate-settings/gate-ports';
import { type LedgerFailure } from './ledger/ledger-http.client';
import { type LedgerLookup } from './ledger/ledger-lookup.metrics';
import { type BarrierControlService, startBarrierControl } from './start-barrier-control';

// barrier-control reading vehicles, alert level and plan from the REAL ledger service, started as a
// child process on a temporary database (migrated with its own `--migrate`).

const ROOT = resolve(__dirname, '../../..');
const ENT = `ent-bcl-${randomUUID().slice(0, 8)}`;
const LANE = {
  enterpriseId: ENT,
  siteId: 'site-1',
  gateId: 'gate-1',
  laneId: 'in-1',
  direction: 'in' as const,
};

/** `tsx apps/ledger/src/main.ts [args]` in its own process group, so stopping it stops tsx's child too. */
function runLedger(env: Record<string, string>, args: string[] = []): ChildProcess {
  const tsx = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');
  return spawn(
    process.execPath,
    [tsx, '--tsconfig', 'tsconfig.base.json', 'apps/ledger/src/main.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

/** The last few KiB the process wrote to stderr, to show why it failed. */
function stderrTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  });
  return () => tail;
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', done)));

function stop(child: ChildProcess | undefined): Promise<unknown> {
  if (!child?.pid || child.exitCode !== null) return Promise.resolve();
  process.kill(-child.pid, 'SIGTERM');
  return exited(child);
}

describe('barrier-control with the ledger as registry, alert level and plan source', () => {
  const infra = loadInfraEnv();
  const logger = createLogger({ service: 'barrier-control-ledger-int', level: 'fatal' });
  const kafkaOptions = {
    ...kafkaClientOptions(infra),
    clientId: 'barrier-control-ledger-int',
    topicPrefix: `it-${randomUUID().slice(0, 8)}.`,
  };
  const decided: PayloadOf<'gate.barrier.decided.v1'>[] = [];
  const failures: [LedgerLookup, LedgerFailure][] = [];
  let database: TemporaryDatabase;
  let ledger: ChildProcess | undefined;
  let ledgerUrl: string;
  let service: BarrierControlService;
  let publisher: KafkaEventPublisher;
  let reader: KafkaEventConsumer;
  let issuer: TestIssuer;
  let ledgerConfig: {
    url: string;
    timeoutMs: number;
    settingsTtlMs: number;
    vehicleTtlMs: number;
    vehicleCacheSize: number;
  };
  let file: ConfigGateSettings;

  // People file through the ledger's API with gateway tokens: the city sets the alert level, the
  // enterprise's admin its vehicles and plan.
  const ledgerApi = async (path: string) =>
    fetch(`${ledgerUrl}/api/v1/enterprises/${ENT}/${path}`, {
      headers: {
        authorization: await issuer.bearer({
          role: 'enterprise-admin',
          subject: 'clerk-1',
          enterprises: [ENT],
        }),
      },
    });
  const put = async (path: string, body: unknown) => {
    const response = await fetch(`${ledgerUrl}/api/v1/enterprises/${ENT}/${path}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: await issuer.bearer(
          path === 'alert-level'
            ? { role: 'city-admin', subject: 'city-1' }
            : { role: 'enterprise-admin', subject: 'clerk-1', enterprises: [ENT] },
        ),
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'bc_ledger_it');
    issuer = await TestIssuer.start(['barrier-control', 'camera-ingest']);
    // The ledger trusts the gateway's JWKS (the issuer's) and the services' keys from a file.
    const keysFile = join(mkdtempSync(join(tmpdir(), 'bc-ledger-keys-')), 'service-keys.json');
    writeFileSync(keysFile, JSON.stringify(issuer.serviceKeys), { mode: 0o600 });
    const env = {
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_SERVICE_KEYS_FILE: keysFile,
      DATABASE_URL: database.url,
      ...kafkaServiceEnv(infra),
      KAFKA_TOPIC_PREFIX: kafkaOptions.topicPrefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      // The ledger keeps vehicle documents in object storage and checks its bucket at boot.
      S3_ENDPOINT: infra.S3_ENDPOINT,
      S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
      S3_SECRET_KEY: infra.S3_SECRET_KEY,
      LEDGER_DOCUMENTS_BUCKET: 'bc-ledger-it-documents',
    };
    const migrate = runLedger(env, ['--migrate']);
    const migrateErrors = stderrTail(migrate);
    expect({ code: await exited(migrate), stderr: migrateErrors() }).toMatchObject({ code: 0 });
    ledger = runLedger(env);
    const ledgerErrors = stderrTail(ledger); // also drained, so a chatty ledger never blocks on a full pipe
    ledgerUrl = `http://127.0.0.1:${env.HTTP_PORT}`;
    const running = ledger;
    await expectEventually(
      async () => {
        // A ledger that died at boot fails here with its own words, not after a minute of refusals.
        expect({ exitCode: running.exitCode, stderr: ledgerErrors() }).toMatchObject({ exitCode: null });
        expect((await ledgerApi('alert-level')).status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    // Filed through the ledger's API, as a clerk would.
    const truck = { plateColour: 'yellow', category: 'heavy-truck', fuel: 'diesel' };
    await put('vehicles/冀A66666', { ...truck, stageEvidence: { stage: 'VI', source: 'platform-query' } });
    await put('vehicles/冀A44444', { ...truck, stageEvidence: { stage: 'IV', source: 'platform-query' } });
    await put('alert-level', { level: 'orange', reason: '冀气发〔2024〕1号' });

    file = new ConfigGateSettings({
      enterprises: [
        {
          enterpriseId: ENT,
          cargoVolume: '10-or-more',
          alertLevel: 'none', // the ledger's orange must win
          lanes: [
            {
              siteId: 'site-1',
              gateId: 'gate-1',
              laneId: 'in-1',
              direction: 'in',
              barrier: { driver: 'vzenith-reply' },
            },
          ],
        },
      ],
    });
    ledgerConfig = {
      url: ledgerUrl,
      timeoutMs: 5_000, // generous: a slow answer on a loaded machine would read as "ledger down"
      settingsTtlMs: 300,
      vehicleTtlMs: 300,
      vehicleCacheSize: 100,
    };
    service = await startBarrierControl(
      {
        messaging: { kind: 'kafka', kafka: kafkaOptions },
        http: { host: '127.0.0.1', port: 0 },
        lanes: { reversingWindowSeconds: 60, openCycleMs: 1, fusionWaitMs: 1_000 },
        drivers: { isapiTimeoutMs: 1_000, dahuaTimeoutMs: 1_000, vzenithReplyTtlMs: 10_000 },
        verifier: issuer.verifierOptions,
      },
      // barrier-control asks the ledger with its own service token, signed by its key.
      gatePorts(
        {
          ...ledgerConfig,
          token: await ServiceToken.fromPem('barrier-control', issuer.servicePem('barrier-control')),
        },
        file,
        logger,
        {
          unavailable: (lookup, failure) => failures.push([lookup, failure]),
        },
      ),
      logger,
    );
    const messaging = { ...kafkaOptions, logger };
    const kafka = createKafka(messaging);
    publisher = new KafkaEventPublisher(kafka, messaging);
    await publisher.connect();
    reader = new KafkaEventConsumer(kafka, messaging, {
      groupId: `reader-${randomUUID().slice(0, 8)}`,
      handlers: {
        'gate.barrier.decided.v1': async (event: EventEnvelope<'gate.barrier.decided.v1'>) => {
          decided.push(event.payload);
        },
      },
    });
    await ensureTopics(
      kafka,
      reader.topics().map((name) => ({ name })),
    );
    await reader.start();
    await Promise.all([reader.ready(), service.ready()]);
  }, 110_000);

  afterAll(() =>
    releaseAll(
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => service?.close(),
      () => stop(ledger),
      () => database?.drop(),
      () => issuer?.close(),
    ),
  );

  /** Publishes the camera's read (and the server's, when given) of one capture; resolves with the decision. */
  async function decisionFor(
    plate: string,
    serverPlate?: string,
    capturedAt = new Date(),
  ): Promise<PayloadOf<'gate.barrier.decided.v1'>> {
    const captureId = `cap-${randomUUID().slice(0, 8)}`;
    const reads: { source: 'camera' | 'server'; text: string }[] = [{ source: 'camera', text: plate }];
    if (serverPlate) reads.push({ source: 'server', text: serverPlate });
    for (const { source, text } of reads) {
      await publisher.publish('anpr.plate.read.v1', {
        enterpriseId: ENT,
        key: `${ENT}/${LANE.laneId}`,
        payload: {
          readId: `read-${source}-${captureId}`,
          captureId,
          cameraId: 'cam-1',
          lane: LANE,
          capturedAt: capturedAt.toISOString(),
          source,
          plate: { text, colour: 'yellow', confidence: 0.98 },
          verdict: 'trusted',
          reviewReasons: [],
          images: {},
        },
      });
    }
    return expectEventually(() => {
      const found = decided.find((d) => d.captureId === captureId);
      expect(found).toBeDefined();
      return found!;
    });
  }

  it('a 国VI truck registered in the ledger passes its orange alert; the barrier opens', async () => {
    expect(await decisionFor('冀A66666')).toMatchObject({
      verdict: 'allow',
      alertLevel: 'orange',
      stage: { stage: 'VI', source: 'platform-query' },
      reasons: ['stage-meets-minimum'],
    });
    expect(service.vzenith.takeReply(ENT, LANE.laneId)).toMatchObject({ action: 'open' });
  });

  it('a 国IV truck is refused; a plate the ledger does not know is decided as unknown', async () => {
    expect(await decisionFor('冀A44444')).toMatchObject({
      verdict: 'deny',
      reasons: ['stage-below-minimum'],
    });
    const stranger = await decisionFor('冀A00001');
    expect(stranger.reasons).toEqual(['stage-unknown']);
    expect(stranger.verdict).not.toBe('allow');
  });

  it('camera and server agree: one decision on the server read; disagree: needs-review, both plates named', async () => {
    expect(await decisionFor('冀A66666', '冀A66666')).toMatchObject({
      verdict: 'allow',
      readId: expect.stringMatching(/^read-server-/),
    });
    const disagreed = await decisionFor('冀A66666', '冀A66668');
    expect(disagreed).toMatchObject({
      verdict: 'needs-review',
      reasons: ['readers-disagree', 'stage-meets-minimum'],
    });
    expect(disagreed.message.en).toContain('camera read 冀A66666, server read 冀A66668');
  });

  it('cutting in and a U-turn at the lane reach the ledger as violations', async () => {
    // The gatekeeper refuses the disagreement above, which still waits for review: a clean lane.
    const refused = await fetch(`${service.url}/api/v1/enterprises/${ENT}/lanes/${LANE.laneId}/manual`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `refuse-${randomUUID()}`,
        authorization: await issuer.bearer({
          role: 'enterprise-staff',
          subject: 'guard-1',
          enterprises: [ENT],
        }),
      },
      body: JSON.stringify({ action: 'refuse', reason: '读数不一致' }),
    });
    expect(refused.status).toBe(202);
    // Capture times are set back and spaced as the rules need, so the test waits for no window.
    const t0 = Date.now() - 200_000;
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    // A truck waits for review; 5 s later another is read ahead of it (and refused): cutting in.
    expect(await decisionFor('冀A66666', '冀A66668', at(0))).toMatchObject({ verdict: 'needs-review' });
    expect(await decisionFor('冀A44444', undefined, at(5))).toMatchObject({ verdict: 'deny' });
    // The next truck waits for review and turns round: the lane's next read is a minute later.
    expect(await decisionFor('冀A66666', '冀A66668', at(10))).toMatchObject({ verdict: 'needs-review' });
    await decisionFor('冀B10001', undefined, at(70));

    const period = `from=${encodeURIComponent(at(-60).toISOString())}&to=${encodeURIComponent(at(120).toISOString())}`;
    const stored = await expectEventually(async () => {
      const response = await ledgerApi(`violations?${period}`);
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as {
        items: { kind: string; plate: string | null; laneId: string; at: string; details: string }[];
      };
      const ours = items.filter(
        (v) =>
          (v.kind === 'cutting-in' && v.plate === '冀A44444') ||
          (v.kind === 'u-turn' && v.plate === '冀A66666'),
      );
      expect(ours).toHaveLength(2);
      return ours;
    });
    // Newest first; the U-turn is dated at the read of the truck that turned, not the one that revealed it.
    expect(stored.map((v) => [v.kind, v.plate, v.laneId, new Date(v.at).toISOString()])).toEqual([
      ['u-turn', '冀A66666', LANE.laneId, at(10).toISOString()],
      ['cutting-in', '冀A44444', LANE.laneId, at(5).toISOString()],
    ]);
    expect(stored[1]!.details).toContain('冀A66666');
  });

  it('a plan filed in the ledger is applied (orange closes the lane)', async () => {
    const { enterpriseId: _tenant, ...plan } = buildDefaultEmergencyPlan({
      enterpriseId: ENT,
      cargoVolume: { band: '10-or-more' },
    });
    await put('emergency-plan', {
      ...plan,
      levels: { ...plan.levels, orange: { ...plan.levels.orange, laneModes: { [LANE.laneId]: 'closed' } } },
    });
    await expectEventually(async () =>
      expect(await decisionFor('冀A66666')).toMatchObject({ verdict: 'deny', laneMode: 'closed' }),
    );
  });

  it('every lookup so far went through as barrier-control: none refused', () => {
    expect(failures).toEqual([]);
  });

  it('a key the ledger does not trust, or a service it does not admit, is refused: counted, logged, fail-safe', async () => {
    const untrustedPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const misconfigured = [
      await ServiceToken.fromPem('barrier-control', untrustedPem), // 401: not in the ledger's keys
      await ServiceToken.fromPem('camera-ingest', issuer.servicePem('camera-ingest')), // 403: not admitted
    ];
    for (const token of misconfigured) {
      const refused: [LedgerLookup, LedgerFailure][] = [];
      const ports = gatePorts({ ...ledgerConfig, token }, file, logger, {
        unavailable: (lookup, failure) => refused.push([lookup, failure]),
      });
      // The registered 国VI truck reads as unknown; the level falls back to the file's.
      expect(await ports.vehicles.find(ENT, '冀A66666')).toBeUndefined();
      expect((await ports.settings.laneContext(ENT, LANE.laneId))?.alertLevel).toBe('none');
      // The lane's context asks for the level and the plan at once: their refusals come in either order.
      expect(refused.sort(([a], [b]) => a.localeCompare(b))).toEqual([
        ['alert-level', 'refused'],
        ['emergency-plan', 'refused'],
        ['vehicle', 'refused'],
      ]);
    }
  });

  it('ledger down: the registered truck has no evidence, orange stays in force, the metric counts it', async () => {
    await stop(ledger);
    const decision = await decisionFor('冀A66666');
    expect(decision).toMatchObject({ alertLevel: 'orange', reasons: ['lane-closed', 'stage-unknown'] });
    expect(failures.map(([lookup]) => lookup)).toEqual(
      expect.arrayContaining(['vehicle', 'alert-level', 'emergency-plan']),
    );
  });
});
