import { HttpStageLookup, retryAfterMs } from './http-stage-lookup';

const VIN = { kind: 'vin', value: 'LFWSRXRJ8M1E00001' } as const;
const record = {
  recordId: 'r1',
  stage: 'V',
  fuel: 'diesel',
  vehicleType: null,
  disclosureNumber: null,
  vin: VIN.value,
  updatedAt: '2026-01-01T00:00:00Z',
};

/** A fetch that answers from a list, recording what was sent. */
function scripted(...answers: (Response | Error | DOMException)[]) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (!(next instanceof Response)) throw next;
    return next;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, sent };
}
const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('HttpStageLookup (the reference protocol, docs/stage-lookup.md)', () => {
  let nowMs = 1_000_000;
  const client = (fetch: typeof globalThis.fetch) =>
    new HttpStageLookup({
      url: 'https://source.example',
      credentials: { apiKey: 'city-3701', apiSecret: 's'.repeat(32) },
      timeoutMs: 1000,
      ratePerMinute: 60_000,
      fetch,
      now: () => nowMs,
    });

  it('posts the key with the credentials in the Authorization header, and reads a found answer', async () => {
    const { fetch, sent } = scripted(
      jsonResponse(200, { result: 'found', record, answeredAt: '2026-02-01T00:00:00Z' }),
    );
    const answer = await client(fetch).lookup(VIN);
    expect(answer).toEqual({ result: 'found', record, answeredAt: new Date('2026-02-01T00:00:00Z') });
    expect(sent[0]?.url).toBe('https://source.example/api/v1/stage-lookups');
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({ vin: VIN.value });
    expect(new Headers(sent[0]?.init.headers).get('authorization')).toMatch(/^Basic /);
  });

  it('maps faults to unavailable answers, never to not-found', async () => {
    const timeout = new DOMException('timed out', 'TimeoutError');
    const { fetch } = scripted(
      timeout,
      new TypeError('fetch failed'),
      jsonResponse(502, { error: { code: 'unavailable', message: 'x' } }),
      jsonResponse(401, { error: { code: 'unauthorized', message: 'x' } }),
      jsonResponse(200, { result: 'maybe' }),
    );
    const lookup = client(fetch);
    const failures = [];
    for (let i = 0; i < 5; i += 1) {
      const answer = await lookup.lookup(VIN);
      failures.push(answer.result === 'unavailable' ? answer.failure : answer.result);
    }
    expect(failures).toEqual(['timeout', 'unreachable', 'server-error', 'unauthorized', 'invalid-response']);
  });

  it('after a 429, sends nothing for any vehicle until Retry-After has passed', async () => {
    const { fetch, sent } = scripted(
      jsonResponse(429, { error: { code: 'rate-limited', message: 'x' } }, { 'retry-after': '30' }),
      jsonResponse(200, { result: 'not-found', answeredAt: '2026-02-01T00:00:00Z' }),
    );
    const lookup = client(fetch);
    expect(await lookup.lookup(VIN)).toMatchObject({ failure: 'rate-limited', retryAfterMs: 30_000 });
    nowMs += 10_000;
    expect(await lookup.lookup({ kind: 'disclosure-number', value: 'CNZXG6A0000001' })).toMatchObject({
      failure: 'rate-limited',
      retryAfterMs: 20_000,
    });
    expect(sent).toHaveLength(1);
    nowMs += 20_000;
    expect(await lookup.lookup(VIN)).toMatchObject({ result: 'not-found' });
    expect(sent).toHaveLength(2);
  });

  it('reads Retry-After as seconds or an HTTP date, 1 s when missing', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(retryAfterMs(null, 0)).toBe(1000);
    expect(retryAfterMs('soon', 0)).toBe(1000);
  });
});
