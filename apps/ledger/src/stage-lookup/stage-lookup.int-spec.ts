import { type StageRecord } from '@ecogate/contracts';
import {
  aStageRecord,
  type StageLookupSimulator,
  startStageLookupSimulator,
} from '@ecogate/stage-lookup-simulator';
import { type z } from 'zod';
import { vehicleViewSchema } from '../api/ledger-responses';
import { type Api, type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { memberOf } from '../testing/ledger-test-kit';
import { stageLookupViewSchema } from './stage-lookup.openapi';

jest.setTimeout(120_000);

// Issue #23, the stage lookup: the ledger against the REAL reference simulator (docs/stage-lookup.md),
// started here with its faults scripted per test.

const E = 'ent-stage-lookup';
const OTHER = 'ent-stage-lookup-2';
const TOKEN = 'city-token-'.padEnd(40, 'x');
type View = z.infer<typeof stageLookupViewSchema>;

let vinSerial = 0;
/** A fresh VIN per test, so the city-wide cache of one test never answers another's. */
const nextVin = (): string => `LFWSRXRJ8M1E${String(++vinSerial).padStart(5, '0')}`;
const plateFor = (vin: string): string => `冀B${vin.slice(-5)}`;

describe('stage lookup against the reference simulator (docs/stage-lookup.md)', () => {
  let sim: StageLookupSimulator;
  let ledger: LedgerHarness;
  let admin: Api;
  let otherAdmin: Api;

  beforeAll(async () => {
    sim = await startStageLookupSimulator({ clients: { tokens: [TOKEN] } });
    ledger = await startLedgerHarness({
      stageLookup: {
        url: sim.url,
        credentials: { token: TOKEN },
        timeoutMs: 400,
        ratePerMinute: 6_000,
        ttlMs: 3_600_000,
        notFoundTtlMs: 60_000,
      },
      // A visible back-off (the retrying state is seen), short enough for a test.
      stageLookups: {
        intervalMs: 50,
        batch: 10,
        leaseMs: 10_000,
        retryMs: 700,
        maxRetryMs: 1_400,
        freshMs: 86_400_000,
      },
    });
    admin = ledger.as(memberOf(E, 'enterprise-admin'));
    otherAdmin = ledger.as(memberOf(OTHER, 'enterprise-admin'));
  });
  afterAll(async () => {
    await ledger?.close();
    await sim?.close();
  });
  beforeEach(() => sim.setClients({ tokens: [TOKEN] }));

  const json = (method: string, body?: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const register = async (api: Api, enterprise: string, plate: string, body: Record<string, unknown>) => {
    const answer = await api(
      `/enterprises/${enterprise}/vehicles/${encodeURIComponent(plate)}`,
      json('PUT', { plateColour: 'yellow', ...body }),
    );
    expect(answer.status).toBe(200);
  };
  const lookupOf = async (api: Api, enterprise: string, plate: string): Promise<View> => {
    const answer = await api(`/enterprises/${enterprise}/vehicles/${encodeURIComponent(plate)}/stage-lookup`);
    expect(answer.status).toBe(200);
    return stageLookupViewSchema.parse(answer.body);
  };
  const ask = (api: Api, enterprise: string, plate: string) =>
    api(`/enterprises/${enterprise}/vehicles/${encodeURIComponent(plate)}/stage-lookup`, json('POST'));
  const evidenceOf = async (api: Api, enterprise: string, plate: string) => {
    const answer = await api(`/enterprises/${enterprise}/vehicles/${encodeURIComponent(plate)}`);
    return vehicleViewSchema.parse(answer.body).evidence;
  };
  /** Polls the lookup until `done` holds (the follower works in the background). */
  async function until(
    api: Api,
    enterprise: string,
    plate: string,
    done: (view: View) => boolean,
    timeoutMs = 15_000,
  ): Promise<View> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const view = await lookupOf(api, enterprise, plate);
      if (done(view)) return view;
      if (Date.now() > end)
        throw new Error(`lookup never reached the expected state: ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  const settled = (view: View) => view.state !== 'queued' && view.state !== 'retrying';
  const requestsFor = (key: string) => sim.requests().filter((request) => request.key === key);

  it('a VIN set triggers a lookup; found → platform-query evidence with the answer kept', async () => {
    const vin = nextVin();
    const plate = plateFor(vin);
    sim.seed([aStageRecord({ recordId: `rec-${vin}`, vin, stage: 'V', disclosureNumber: 'CNZXG5A0000001' })]);
    await register(admin, E, plate, { vin });
    const view = await until(admin, E, plate, settled);
    expect(view).toMatchObject({
      enabled: true,
      state: 'found',
      trigger: 'key-set',
      key: { kind: 'vin', value: vin },
      fromCache: false,
      answer: { result: 'found', record: { recordId: `rec-${vin}`, stage: 'V' } },
      evidence: { recordId: `rec-${vin}`, stage: 'V' },
    });
    const evidence = await evidenceOf(admin, E, plate);
    expect(evidence).toEqual([expect.objectContaining({ stage: 'V', source: 'platform-query' })]);
    expect(requestsFor(`vin:${vin}`).map((r) => r.status)).toEqual([200]);
  });

  it('asks by disclosure number when the vehicle has no VIN', async () => {
    const number = 'CNZXG6A0000777';
    sim.seed([aStageRecord({ recordId: 'rec-dn', vin: null, disclosureNumber: number, stage: 'VI' })]);
    await register(admin, E, '冀B0D777', { disclosureNumber: number });
    const view = await until(admin, E, '冀B0D777', settled);
    expect(view).toMatchObject({ state: 'found', key: { kind: 'disclosure-number', value: number } });
    expect(await evidenceOf(admin, E, '冀B0D777')).toEqual([
      expect.objectContaining({ stage: 'VI', source: 'platform-query' }),
    ]);
  });

  it('not found: the state says so and no evidence is written', async () => {
    const vin = nextVin();
    await register(admin, E, plateFor(vin), { vin });
    const view = await until(admin, E, plateFor(vin), settled);
    expect(view).toMatchObject({ state: 'not-found', answer: { result: 'not-found' }, evidence: null });
    expect(await evidenceOf(admin, E, plateFor(vin))).toEqual([]);
  });

  it('conflicting records: no evidence, the answer kept with every record, the state conflicting', async () => {
    const vin = nextVin();
    const records: StageRecord[] = [
      aStageRecord({ recordId: `a-${vin}`, vin, stage: 'IV', updatedAt: '2024-05-01T00:00:00Z' }),
      aStageRecord({ recordId: `b-${vin}`, vin, stage: 'VI', updatedAt: '2025-05-01T00:00:00Z' }),
    ];
    sim.seed(records);
    await register(admin, E, plateFor(vin), { vin });
    const view = await until(admin, E, plateFor(vin), settled);
    expect(view.state).toBe('conflicting');
    expect(view.answer).toMatchObject({ result: 'conflict', records: [{ stage: 'VI' }, { stage: 'IV' }] });
    expect(await evidenceOf(admin, E, plateFor(vin))).toEqual([]);
  });

  it('429: retried only after the source’s Retry-After, then found', async () => {
    const vin = nextVin();
    sim.seed([aStageRecord({ recordId: `rec-${vin}`, vin })]);
    sim.script({ next: [{ kind: 'rate-limit', retryAfterS: 1 }] });
    await register(admin, E, plateFor(vin), { vin });
    const waiting = await until(admin, E, plateFor(vin), (view) => view.state === 'retrying');
    expect(waiting.error).toMatch(/rate-limited/);
    const view = await until(admin, E, plateFor(vin), settled);
    expect(view.state).toBe('found');
    const [limited, answered] = requestsFor(`vin:${vin}`);
    expect([limited?.status, answered?.status]).toEqual([429, 200]);
    // Not before the second the source asked for (a lower bound only: never flaky on a slow machine).
    expect(Date.parse(answered?.at ?? '') - Date.parse(limited?.at ?? '')).toBeGreaterThanOrEqual(950);
  });

  it('a timeout, then a 5xx, are retried with back-off and never read as not found', async () => {
    const vin = nextVin();
    sim.seed([aStageRecord({ recordId: `rec-${vin}`, vin, stage: 'VIb' })]);
    sim.script({
      next: [
        { kind: 'hang', ms: 2_000 },
        { kind: 'server-error', status: 503 },
      ],
    });
    await register(admin, E, plateFor(vin), { vin });
    const timedOut = await until(admin, E, plateFor(vin), (view) => view.state === 'retrying');
    expect(timedOut).toMatchObject({ attempts: 1, error: expect.stringMatching(/^timeout/) as unknown });
    const failed = await until(admin, E, plateFor(vin), (view) => view.attempts === 2 || settled(view));
    expect(failed).toMatchObject({
      state: 'retrying',
      error: expect.stringMatching(/^server-error/) as unknown,
    });
    const view = await until(admin, E, plateFor(vin), settled);
    expect(view).toMatchObject({ state: 'found', attempts: 0, error: null, evidence: { stage: 'VIb' } });
  });

  it('wrong credentials: 401 → the state says so, no retry storm; asking again after the fix finds it', async () => {
    const vin = nextVin();
    sim.seed([aStageRecord({ recordId: `rec-${vin}`, vin })]);
    sim.setClients({ tokens: ['another-city-token'.padEnd(40, 'y')] });
    await register(admin, E, plateFor(vin), { vin });
    const view = await until(admin, E, plateFor(vin), settled);
    expect(view).toMatchObject({ state: 'unauthorized', nextTryAt: null });
    expect(view.error).toMatch(/credentials/);
    expect(view.error).not.toContain(TOKEN);
    // Many follower passes later: still the one refused request.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.requests().filter((r) => r.status === 401)).toHaveLength(1);
    sim.setClients({ tokens: [TOKEN] });
    expect((await ask(admin, E, plateFor(vin))).status).toBe(202);
    expect(await until(admin, E, plateFor(vin), settled)).toMatchObject({
      state: 'found',
      trigger: 'on-demand',
    });
  });

  it('a VIN corrected while its lookup is in flight is looked up again: the old answer does not stick', async () => {
    const [typo, vin] = [nextVin(), nextVin()];
    const plate = plateFor(vin);
    sim.seed([aStageRecord({ recordId: `rec-${vin}`, vin, stage: 'V' })]);
    sim.script({ next: [{ kind: 'delay', ms: 1_500 }] });
    await register(admin, E, plate, { vin: typo });
    // The typo's lookup has reached the source (still unanswered) when the VIN is corrected.
    const end = Date.now() + 15_000;
    while (requestsFor(`vin:${typo}`).length === 0 && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requestsFor(`vin:${typo}`)).toEqual([expect.objectContaining({ status: null })]);
    await register(admin, E, plate, { vin });
    const view = await until(admin, E, plate, (v) => settled(v) && v.key?.value === vin);
    expect(view).toMatchObject({ state: 'found', evidence: { recordId: `rec-${vin}`, stage: 'V' } });
    expect(requestsFor(`vin:${typo}`)).toHaveLength(1);
    expect(requestsFor(`vin:${vin}`)).toHaveLength(1);
  });

  it('a cached answer makes no request (another enterprise, the same VIN)', async () => {
    const vin = nextVin();
    sim.seed([aStageRecord({ recordId: `rec-${vin}`, vin, stage: 'IV' })]);
    await register(admin, E, plateFor(vin), { vin });
    await until(admin, E, plateFor(vin), settled);
    await register(otherAdmin, OTHER, plateFor(vin), { vin });
    const view = await until(otherAdmin, OTHER, plateFor(vin), settled);
    expect(view).toMatchObject({ state: 'found', fromCache: true, evidence: { stage: 'IV' } });
    expect(requestsFor(`vin:${vin}`)).toHaveLength(1);
  });

  it('evidence is written once under repeated lookups of the same answer', async () => {
    const vin = nextVin();
    const plate = plateFor(vin);
    sim.seed([aStageRecord({ recordId: `rec-${vin}`, vin, stage: 'V' })]);
    await register(admin, E, plate, { vin });
    await until(admin, E, plate, settled);
    for (let i = 0; i < 3; i += 1) {
      const asked = await ask(admin, E, plate);
      expect(asked.status).toBe(202);
      expect(stageLookupViewSchema.parse(asked.body).trigger).toBe('on-demand');
      await until(admin, E, plate, settled);
    }
    const evidence = await evidenceOf(admin, E, plate);
    expect(evidence.filter((item) => item.source === 'platform-query')).toHaveLength(1);
  });

  it('on demand: refused without a key (409), for a city operator (403), for an unknown plate (404)', async () => {
    await register(admin, E, '冀B0NOKEY', {});
    expect((await ask(admin, E, '冀B0NOKEY')).status).toBe(409);
    expect((await lookupOf(admin, E, '冀B0NOKEY')).state).toBe('none');
    expect((await ask(ledger.as({ role: 'city-operator', subject: 'op-1' }), E, '冀B0NOKEY')).status).toBe(
      403,
    );
    expect((await ask(admin, E, '冀B0GHOST')).status).toBe(404);
  });
});
