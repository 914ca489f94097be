import { authorizationHeader, STAGE_LOOKUP_PATH, stageLookupResponseSchema } from '@ecogate/contracts';
import { aStageRecord } from './stage-record.builder';
import { type StageLookupSimulator, startStageLookupSimulator } from './start-stage-lookup-simulator';

const TOKEN = 't'.repeat(32);
const KEY = { apiKey: 'city-3701', apiSecret: 's'.repeat(32) };
const VIN = 'LFWSRXRJ8M1E00001';

describe('stage-lookup simulator (docs/stage-lookup.md)', () => {
  let sim: StageLookupSimulator;

  beforeEach(async () => {
    sim = await startStageLookupSimulator({
      clients: { tokens: [TOKEN], keys: { [KEY.apiKey]: KEY.apiSecret } },
    });
  });
  afterEach(() => sim.close());

  const ask = (body: unknown, authorization = `Bearer ${TOKEN}`) =>
    fetch(`${sim.url}${STAGE_LOOKUP_PATH}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers found with the record, by VIN and by disclosure number', async () => {
    sim.seed([aStageRecord({ recordId: 'r1', disclosureNumber: 'CNZXG6A0000001' })]);
    const byVin = stageLookupResponseSchema.parse(await (await ask({ vin: VIN })).json());
    expect(byVin).toMatchObject({ result: 'found', record: { recordId: 'r1', stage: 'VI' } });
    const byNumber = stageLookupResponseSchema.parse(
      await (await ask({ disclosureNumber: 'CNZXG6A0000001' }, authorizationHeader(KEY))).json(),
    );
    expect(byNumber).toMatchObject({ result: 'found', record: { recordId: 'r1' } });
  });

  it('answers not-found for an unknown key, found (newest) when records agree, conflict when they do not', async () => {
    expect(await (await ask({ vin: VIN })).json()).toMatchObject({ result: 'not-found' });
    sim.seed([
      aStageRecord({ recordId: 'old', updatedAt: '2025-01-01T00:00:00Z' }),
      aStageRecord({ recordId: 'new', updatedAt: '2026-01-01T00:00:00Z' }),
    ]);
    expect(await (await ask({ vin: VIN })).json()).toMatchObject({
      result: 'found',
      record: { recordId: 'new' },
    });
    sim.seed([aStageRecord({ recordId: 'other', stage: 'IV' })]);
    const conflict = stageLookupResponseSchema.parse(await (await ask({ vin: VIN })).json());
    expect(conflict.result).toBe('conflict');
    expect(conflict.result === 'conflict' && conflict.records.map((r) => r.stage).sort()).toEqual([
      'IV',
      'VI',
      'VI',
    ]);
  });

  it('refuses wrong credentials (401) and a bad body (400), logging each', async () => {
    expect((await ask({ vin: VIN }, `Bearer ${'x'.repeat(32)}`)).status).toBe(401);
    expect((await ask({ vin: VIN }, authorizationHeader({ ...KEY, apiSecret: 'w'.repeat(32) }))).status).toBe(
      401,
    );
    expect((await ask({ vin: VIN }, '')).status).toBe(401);
    expect((await ask({ vin: 'short' })).status).toBe(400);
    expect(sim.requests().map((r) => r.status)).toEqual([401, 401, 401, 400]);
  });

  it('a revoked client is refused from then on', async () => {
    expect((await ask({ vin: VIN })).status).toBe(200);
    sim.setClients({ keys: { [KEY.apiKey]: KEY.apiSecret } });
    expect((await ask({ vin: VIN })).status).toBe(401);
    expect((await ask({ vin: VIN }, authorizationHeader(KEY))).status).toBe(200);
  });

  it('plays scripted faults in order: 429 with Retry-After, 5xx, a hang, then answers again', async () => {
    sim.script({
      next: [
        { kind: 'rate-limit', retryAfterS: 7 },
        { kind: 'server-error', status: 502 },
        { kind: 'hang', ms: 50 },
      ],
    });
    const limited = await ask({ vin: VIN });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await ask({ vin: VIN })).status).toBe(502);
    expect((await ask({ vin: VIN })).status).toBe(504);
    expect((await ask({ vin: VIN })).status).toBe(200);
    expect(sim.requests().map((r) => [r.key, r.status])).toEqual([
      [`vin:${VIN}`, 429],
      [`vin:${VIN}`, 502],
      [`vin:${VIN}`, 504],
      [`vin:${VIN}`, 200],
    ]);
  });

  it('is scripted and seeded over its control API too', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('/_sim/records', [aStageRecord({ recordId: 'r9', stage: 'V' })])).status).toBe(200);
    expect((await post('/_sim/faults', { next: [{ kind: 'rate-limit', retryAfterS: 1 }] })).status).toBe(200);
    expect((await post('/_sim/faults', { next: [{ kind: 'explode' }] })).status).toBe(400);
    expect((await ask({ vin: VIN })).status).toBe(429);
    expect(await (await ask({ vin: VIN })).json()).toMatchObject({ record: { recordId: 'r9', stage: 'V' } });
    const seen = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as { requests: unknown[] };
    expect(seen.requests).toHaveLength(2);
  });

  it('a hung request does not keep close waiting', async () => {
    sim.script({ next: [{ kind: 'hang', ms: 600_000 }] });
    const pending = ask({ vin: VIN }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.close();
    expect(await pending).toBeDefined();
    sim = await startStageLookupSimulator({ clients: {} });
  });
});
