import { LedgerKnownPlates } from './ledger-known-plates.client';

const answer = (status: number, body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
const list = (overrides: object = {}) => ({
  enterpriseId: 'ent-1',
  siteId: 'site-1',
  windowDays: 30,
  plates: ['冀B12345', '冀C54321'],
  registered: 1,
  recent: 1,
  truncated: false,
  ...overrides,
});

function client(response: () => Promise<Response>) {
  const requests: { url: string; authorization: string | null }[] = [];
  const ledger = new LedgerKnownPlates(
    { baseUrl: 'http://ledger:8080/', timeoutMs: 1_000, token: { header: async () => 'Bearer pr' } },
    async (input, init) => {
      requests.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      return response();
    },
  );
  return { ledger, requests };
}

describe('LedgerKnownPlates', () => {
  it("asks the ledger for the site's known plates with plate recognition's token", async () => {
    const { ledger, requests } = client(async () => answer(200, list()));
    await expect(ledger.fetch('ent-1', 'site-1')).resolves.toEqual(['冀B12345', '冀C54321']);
    expect(requests).toEqual([
      {
        url: 'http://ledger:8080/api/v1/enterprises/ent-1/known-plates?siteId=site-1',
        authorization: 'Bearer pr',
      },
    ]);
  });

  it.each<[string, () => Promise<Response>, RegExp]>([
    [
      'a refusal, with the key to check',
      async () => answer(403, { code: 'forbidden' }),
      /403.*AUTH_SERVICE_KEYS_FILE/,
    ],
    ['a server error', async () => answer(503, 'down'), /answered 503/],
    ['an answer off the contract', async () => answer(200, { plates: 'all' }), /off the contract/],
    ["another site's list", async () => answer(200, list({ siteId: 'site-2' })), /another site/],
    ['no answer at all', () => Promise.reject(new TypeError('fetch failed')), /unreachable/],
  ])('throws on %s (the cache keeps its last list)', async (_, response, message) => {
    await expect(client(response).ledger.fetch('ent-1', 'site-1')).rejects.toThrow(message);
  });
});
