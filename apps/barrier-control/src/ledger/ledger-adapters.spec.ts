import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ServiceToken, TestIssuer, TokenVerifier } from '@ecogate/auth';
import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import { createLogger } from '@ecogate/telemetry';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';
import { LedgerGateSettings } from '../gate-settings/ledger-gate-settings.adapter';
import { LedgerVehicleRegistry } from '../vehicles/ledger-vehicle-registry.adapter';
import { type LedgerFailure, LedgerHttpClient } from './ledger-http.client';
import { type LedgerLookup, type LedgerLookupMetrics } from './ledger-lookup.metrics';

// The adapters against an HTTP server answering in the ledger's response shapes (the real ledger
// runs in barrier-control.ledger.int-spec.ts); time is a hand-moved clock. The client signs with a
// real service key; the server keeps each request's Authorization for a real verifier to check.

type Route = (req: IncomingMessage, res: ServerResponse) => void;
const json =
  (status: number, body: unknown): Route =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
const hang: Route = () => undefined;

const ENT = 'ent-1';
const vehicleView = (plate: string, stage: 'IV' | 'VI') => ({
  vehicle: { id: 'v1', plate, plateColour: 'yellow', category: 'heavy-truck', fuel: 'diesel', vin: null },
  stage: { stage, source: 'platform-query', at: '2024-01-01T00:00:00.000Z' },
  evidence: [{ stage, source: 'platform-query', at: '2024-01-01T00:00:00.000Z' }],
});

describe('ledger adapters: cache and fail-safe', () => {
  const routes = new Map<string, Route>();
  const hits: string[] = [];
  const authorizations: (string | undefined)[] = [];
  let issuer: TestIssuer;
  let token: ServiceToken;
  const logLines: { level: string; msg: string; failure?: string }[] = [];
  let server: Server;
  let baseUrl: string;
  let now = 0;
  const failures: [LedgerLookup, LedgerFailure][] = [];
  const metrics: LedgerLookupMetrics = { unavailable: (lookup, failure) => failures.push([lookup, failure]) };
  const logger = createLogger({
    service: 'ledger-adapters-spec',
    level: 'error',
    destination: {
      write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]),
    },
  });
  const client = (url: string, timeoutMs: number) => new LedgerHttpClient(url, timeoutMs, token, logger);

  beforeAll(async () => {
    issuer = await TestIssuer.start(['barrier-control']);
    token = await ServiceToken.fromPem('barrier-control', issuer.servicePem('barrier-control'));
    server = createServer((req, res) => {
      const path = decodeURIComponent(req.url ?? '');
      hits.push(path);
      authorizations.push(req.headers.authorization);
      (routes.get(path) ?? json(404, { code: 'not-found' }))(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await issuer.close();
  });
  beforeEach(() => {
    routes.clear();
    hits.length = 0;
    authorizations.length = 0;
    logLines.length = 0;
    failures.length = 0;
    now = 0;
  });

  describe('LedgerVehicleRegistry', () => {
    // Generous for answers that do come (a loaded CI machine); the timeout case uses a server that never answers.
    const registry = (url = baseUrl, timeoutMs = 10_000) =>
      new LedgerVehicleRegistry(
        client(url, timeoutMs),
        { ttlMs: 10_000, maxEntries: 100 },
        metrics,
        logger,
        () => now,
      );
    const path = (plate: string) => `/api/v1/enterprises/${ENT}/vehicles/${plate}`;

    it('maps the ledger view to the admission subject and reuses it within the TTL', async () => {
      routes.set(path('冀A66666'), json(200, vehicleView('冀A66666', 'VI')));
      const vehicles = registry();
      const found = await vehicles.find(ENT, '冀A66666');
      expect(found).toEqual({
        plate: '冀A66666',
        category: 'heavy-truck',
        fuel: 'diesel',
        evidence: [{ stage: 'VI', source: 'platform-query', at: new Date('2024-01-01T00:00:00Z') }],
      });
      now = 9_999;
      await vehicles.find(ENT, '冀A66666');
      expect(hits).toHaveLength(1);
      now = 10_000;
      routes.set(path('冀A66666'), json(200, vehicleView('冀A66666', 'IV')));
      expect((await vehicles.find(ENT, '冀A66666'))?.evidence[0]?.stage).toBe('IV');
      expect(hits).toHaveLength(2);
    });

    it('asks as barrier-control: every request carries its own token, which a ledger verifier accepts', async () => {
      routes.set(path('冀A77777'), json(200, vehicleView('冀A77777', 'VI')));
      await registry().find(ENT, '冀A77777');
      const [authorization] = authorizations;
      expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const caller = await new TokenVerifier(issuer.verifierOptions).verify(authorization!.slice(7));
      expect(caller).toMatchObject({ subject: 'barrier-control', role: 'service' });
    });

    it('a 401 or 403 is a configuration error: logged as such, fail-safe, counted as refused', async () => {
      routes.set(
        path('冀R11111'),
        json(401, { code: 'unauthenticated', reason: 'a valid bearer token is required' }),
      );
      routes.set(path('冀R22222'), json(403, { code: 'forbidden', reason: 'your role may not do this' }));
      const vehicles = registry();
      expect(await vehicles.find(ENT, '冀R11111')).toBeUndefined();
      expect(await vehicles.find(ENT, '冀R22222')).toBeUndefined();
      expect(failures).toEqual([
        ['vehicle', 'refused'],
        ['vehicle', 'refused'],
      ]);
      const refusals = logLines.filter((line) => line.failure === 'refused');
      expect(refusals.map((line) => line.level)).toEqual(['error', 'error']);
      expect(refusals[0]?.msg).toMatch(/configuration error, not an outage/);
      expect(refusals[0]?.msg).toMatch(/AUTH_SERVICE_KEYS_FILE/);
    });

    it('caches "not registered" (404) too, briefly', async () => {
      const vehicles = registry();
      expect(await vehicles.find(ENT, '冀Z00000')).toBeUndefined();
      expect(await vehicles.find(ENT, '冀Z00000')).toBeUndefined();
      expect(hits).toEqual([path('冀Z00000')]);
      expect(failures).toEqual([]);
    });

    it('ledger down: no evidence, a metric per lookup, and the failure is not cached', async () => {
      const down = registry('http://127.0.0.1:1');
      expect(await down.find(ENT, '冀A66666')).toBeUndefined();
      expect(await down.find(ENT, '冀A66666')).toBeUndefined();
      expect(failures).toEqual([
        ['vehicle', 'unreachable'],
        ['vehicle', 'unreachable'],
      ]);
    });

    it('a slow ledger times out; a 500 or a malformed body counts as unavailable', async () => {
      routes.set(path('冀S11111'), hang);
      routes.set(path('冀S22222'), json(500, { code: 'internal' }));
      routes.set(
        path('冀S33333'),
        json(200, { vehicle: { plate: '冀S33333' }, evidence: [{ stage: 'IX' }] }),
      );
      expect(await registry(baseUrl, 100).find(ENT, '冀S11111')).toBeUndefined();
      const vehicles = registry();
      for (const plate of ['冀S22222', '冀S33333']) expect(await vehicles.find(ENT, plate)).toBeUndefined();
      expect(failures).toEqual([
        ['vehicle', 'timeout'],
        ['vehicle', 'server-error'],
        ['vehicle', 'invalid-response'],
      ]);
    });
  });

  describe('LedgerGateSettings', () => {
    const file = new ConfigGateSettings({
      enterprises: [
        {
          enterpriseId: ENT,
          cargoVolume: '10-or-more',
          alertLevel: 'yellow',
          lanes: [{ siteId: 's', gateId: 'g', laneId: 'l1', direction: 'in', barrier: { driver: 'none' } }],
        },
      ],
    });
    const settings = (url = baseUrl) =>
      new LedgerGateSettings(file, client(url, 10_000), 5_000, metrics, logger, () => now);
    const level = `/api/v1/enterprises/${ENT}/alert-level`;
    const plan = `/api/v1/enterprises/${ENT}/emergency-plan`;

    it('takes the alert level from the ledger, polls it again after the TTL', async () => {
      routes.set(level, json(200, { level: 'orange', reason: null, setBy: 'x', setAt: null }));
      const gate = settings();
      expect((await gate.laneContext(ENT, 'l1'))?.alertLevel).toBe('orange');
      routes.set(level, json(200, { level: 'red' }));
      now = 4_999;
      expect((await gate.laneContext(ENT, 'l1'))?.alertLevel).toBe('orange');
      now = 5_000;
      expect((await gate.laneContext(ENT, 'l1'))?.alertLevel).toBe('red');
      expect(hits.filter((h) => h === level)).toHaveLength(2);
    });

    it('no plan filed (404): the default plan of the cargo band; a filed plan replaces it', async () => {
      routes.set(level, json(200, { level: 'orange' }));
      const gate = settings();
      const defaultPlan = buildDefaultEmergencyPlan({
        enterpriseId: ENT,
        cargoVolume: { band: '10-or-more' },
      });
      expect((await gate.laneContext(ENT, 'l1'))?.plan).toEqual(defaultPlan);
      const filed = {
        ...defaultPlan,
        levels: {
          ...defaultPlan.levels,
          orange: { ...defaultPlan.levels.orange, laneModes: { l1: 'closed' } },
        },
        exemptions: [
          {
            id: 'ex-1',
            kind: 'plate',
            plates: ['冀A1'],
            from: '2024-01-01T00:00:00Z',
            until: '2025-01-01T00:00:00Z',
            levels: 'all',
            approvedBy: 'chief',
          },
        ],
      };
      routes.set(
        plan,
        json(200, { revision: 1, filedBy: 'chief', filedAt: '2024-01-01T00:00:00Z', plan: filed }),
      );
      now = 5_000;
      const context = await gate.laneContext(ENT, 'l1');
      expect(context?.plan.levels.orange.laneModes).toEqual({ l1: 'closed' });
      expect(context?.plan.exemptions[0]?.from).toEqual(new Date('2024-01-01T00:00:00Z'));
      expect(failures).toEqual([]);
    });

    it('ledger down: the last known level stays in force, with a metric; before any answer, the file', async () => {
      routes.set(level, json(200, { level: 'red' }));
      const gate = settings();
      expect((await gate.laneContext(ENT, 'l1'))?.alertLevel).toBe('red');
      routes.set(level, json(503, {}));
      now = 5_000;
      expect((await gate.laneContext(ENT, 'l1'))?.alertLevel).toBe('red');
      expect(failures).toEqual([['alert-level', 'server-error']]);

      const neverReached = settings('http://127.0.0.1:1');
      expect((await neverReached.laneContext(ENT, 'l1'))?.alertLevel).toBe('yellow');
      // The fallback is reused for the TTL: one failed call per TTL, not one per vehicle.
      await neverReached.laneContext(ENT, 'l1');
      expect(failures.filter(([lookup]) => lookup === 'alert-level')).toHaveLength(2);
    });

    it('refuses a plan that fails validation or names another enterprise, keeping the default', async () => {
      routes.set(level, json(200, { level: 'orange' }));
      const defaultPlan = buildDefaultEmergencyPlan({
        enterpriseId: ENT,
        cargoVolume: { band: '10-or-more' },
      });
      routes.set(
        plan,
        json(200, {
          revision: 1,
          filedBy: 'chief',
          filedAt: '2024-01-01T00:00:00Z',
          plan: { ...defaultPlan, enterpriseId: 'ent-other' },
        }),
      );
      expect((await settings().laneContext(ENT, 'l1'))?.plan).toEqual(defaultPlan);
      const severeAllow = {
        ...defaultPlan,
        levels: { ...defaultPlan.levels, red: { ...defaultPlan.levels.red, unknownStage: 'allow' } },
      };
      routes.set(
        plan,
        json(200, { revision: 2, filedBy: 'chief', filedAt: '2024-01-02T00:00:00Z', plan: severeAllow }),
      );
      expect((await settings().laneContext(ENT, 'l1'))?.plan).toEqual(defaultPlan);
      expect(failures).toEqual([
        ['emergency-plan', 'invalid-response'],
        ['emergency-plan', 'invalid-response'],
      ]);
    });

    it('an unknown lane stays unknown without asking the ledger', async () => {
      expect(await settings().laneContext(ENT, 'nope')).toBeUndefined();
      expect(hits).toEqual([]);
    });
  });
});
