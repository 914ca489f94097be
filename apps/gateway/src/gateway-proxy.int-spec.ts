import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Principal, TokenVerifier } from '@ecogate/auth';
import { type Browser } from './testing/gateway-test-kit';
import { startTestGateway, type TestGateway } from './testing/test-gateway';

const MB = 1024 * 1024;
const BODY_BYTES = 8 * MB;
const PLATE = encodeURIComponent('苏A12345');
const DOCUMENT = `/api/ledger/v1/enterprises/E1/vehicles/${PLATE}/documents/license`;

/** Deterministic bytes, so both ends can hash what should arrive. */
const block = (index: number): Buffer => Buffer.alloc(MB, index % 251);
const digestOf = (blocks: number): string => {
  const hash = createHash('sha256');
  for (let i = 0; i < blocks; i++) hash.update(block(i));
  return hash.digest('hex');
};

/** A signal one side of a stream waits on, with a clear failure instead of a hung test. */
function signal(name: string) {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return {
    fire: () => fire(),
    wait: () =>
      Promise.race([
        fired,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`${name}: never came (the gateway buffered the body?)`)),
            15_000,
          ).unref(),
        ),
      ]),
  };
}

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly principal?: Principal;
}

describe('gateway proxy to a real upstream (signing → JWKS → verification)', () => {
  let t: TestGateway;
  let upstream: Server;
  let verifier: TokenVerifier;
  const seen: Seen[] = [];
  let upstreamGotFirstChunk = signal('upstream first chunk');
  let clientGotFirstChunk = signal('client first chunk');
  const served = new WeakMap<object, number>();
  let droppedOnce = false;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      served.set(req.socket, (served.get(req.socket) ?? 0) + 1);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      (token ? verifier.verify(token) : Promise.reject(new Error('no token'))).then(
        (principal) => {
          seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, principal });
          if (req.method === 'PUT') {
            const hash = createHash('sha256');
            let bytes = 0;
            req.on('data', (chunk: Buffer) => {
              if (bytes === 0) upstreamGotFirstChunk.fire();
              bytes += chunk.length;
              hash.update(chunk);
            });
            req.on('end', () => {
              res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'upstream=1' });
              res.end(JSON.stringify({ bytes, sha256: hash.digest('hex') }));
            });
          } else if (req.url?.includes('/documents/')) {
            res.writeHead(200, { 'content-type': 'application/octet-stream' });
            res.write(block(0));
            void clientGotFirstChunk.wait().then(() => {
              for (let i = 1; i < BODY_BYTES / MB; i++) res.write(block(i));
              res.end();
            });
          } else if (req.url?.includes('drop=always')) {
            // The service dies mid-request: the connection closes with no answer.
            req.socket.destroy();
          } else if (req.url?.includes('drop=reused') && (served.get(req.socket) ?? 0) > 1 && !droppedOnce) {
            // A kept-alive connection the service closes just as the gateway reuses it.
            droppedOnce = true;
            req.socket.destroy();
          } else {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ items: [] }));
          }
        },
        () => {
          seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
          res.writeHead(401).end();
        },
      );
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    t = await startTestGateway({ upstreams: { ledger: upstreamUrl }, apiKeyPerSecond: 5 });
    await t.registerEnterprise('E1', '320102');
    // The upstream trusts exactly what a service trusts: the gateway's JWKS on its internal listener.
    verifier = new TokenVerifier({ jwksUrl: `${t.gateway.internalUrl}/.well-known/jwks.json` });
  });
  afterAll(async () => {
    await t?.close();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    upstreamGotFirstChunk = signal('upstream first chunk');
    clientGotFirstChunk = signal('client first chunk');
  });

  const cookieHeaders = (b: Browser): Record<string, string> => ({
    cookie: [...b.cookies]
      .filter(([name]) => name !== 'ecogate_refresh')
      .map(([n, v]) => `${n}=${v}`)
      .join('; '),
    'x-csrf-token': b.cookies.get('csrf') ?? '',
  });

  it('streams a multi-MB upload through without buffering, with only the gateway identity', async () => {
    const staff = await t.signedIn({ username: 'gate.wang', role: 'enterprise-staff', enterpriseId: 'E1' });
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 1) await upstreamGotFirstChunk.wait(); // the upstream has bytes before the client sent the rest
        if (sent === BODY_BYTES / MB) return controller.close();
        controller.enqueue(new Uint8Array(block(sent++)));
      },
    });
    const answer = await fetch(`${t.gateway.url}${DOCUMENT}`, {
      method: 'PUT',
      headers: {
        ...cookieHeaders(staff),
        'content-type': 'application/octet-stream',
        'x-operator-id': 'someone-else',
        authorization: 'Bearer forged.token.value',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ bytes: BODY_BYTES, sha256: digestOf(BODY_BYTES / MB) });
    expect(answer.headers.get('set-cookie')).toBeNull();
    const [request] = seen;
    expect(request?.url).toBe(`/api/v1/enterprises/E1/vehicles/${PLATE}/documents/license`);
    expect(request?.principal).toMatchObject({
      name: 'gate.wang',
      role: 'enterprise-staff',
      enterprises: ['E1'],
    });
    expect(request?.headers['x-operator-id']).toBeUndefined();
    expect(request?.headers.cookie).toBeUndefined();
    expect(request?.headers['x-csrf-token']).toBeUndefined();
    expect(request?.headers.authorization).not.toContain('forged');
    expect(request?.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(request?.headers['x-correlation-id']).toMatch(/.+/);
    expect(request?.headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('streams a multi-MB download to the client as the upstream writes it', async () => {
    const staff = await t.signedIn({ username: 'gate.liu', role: 'enterprise-staff', enterpriseId: 'E1' });
    const answer = await fetch(`${t.gateway.url}${DOCUMENT}`, { headers: cookieHeaders(staff) });
    expect(answer.status).toBe(200);
    const reader = answer.body!.getReader();
    const hash = createHash('sha256');
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0) clientGotFirstChunk.fire(); // the rest is written only after this
      bytes += value.length;
      hash.update(value);
    }
    expect(bytes).toBe(BODY_BYTES);
    expect(hash.digest('hex')).toBe(digestOf(BODY_BYTES / MB));
  });

  it('answers 502 when the service drops the connection after the request, and retries a GET once on a reused one', async () => {
    const staff = cookieHeaders(
      await t.signedIn({ username: 'gate.lu', role: 'enterprise-staff', enterpriseId: 'E1' }),
    );
    const get = (query: string) =>
      fetch(`${t.gateway.url}/api/ledger/v1/enterprises/E1/passages?${query}`, {
        headers: staff,
        signal: AbortSignal.timeout(10_000),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    // Dropped with no answer: the caller is told, it does not wait forever.
    expect(await get('drop=always')).toEqual({
      status: 502,
      body: { code: 'upstream-unavailable', reason: 'ledger did not answer' },
    });
    // A kept-alive connection that was already gone: the GET goes again on a new one.
    expect((await get('warm=1')).status).toBe(200);
    expect(await get('drop=reused')).toEqual({ status: 200, body: { items: [] } });
    expect(droppedOnce).toBe(true);
  });

  it('refuses at the gateway what the policy refuses; the upstream never sees it', async () => {
    const staff = await t.signedIn({ username: 'gate.xu', role: 'enterprise-staff', enterpriseId: 'E1' });
    const get = (path: string, headers: Record<string, string> = cookieHeaders(staff)) =>
      fetch(`${t.gateway.url}${path}`, { headers }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    expect((await get('/api/ledger/v1/enterprises/E1/passages', {})).status).toBe(401);
    expect(
      (await get('/api/ledger/v1/enterprises/E1/passages', { authorization: 'Bearer forged.token.x' }))
        .status,
    ).toBe(401);
    expect((await get('/api/ledger/v1/enterprises/E2/passages')).status).toBe(404);
    // A city-wide caller naming an enterprise nobody registered: refused here, like another tenant's.
    expect(await get('/api/ledger/v1/enterprises/E-NOBODY/passages', cookieHeaders(t.admin))).toEqual({
      status: 404,
      body: { code: 'enterprise-not-found', reason: 'no such enterprise' },
    });
    expect((await get('/api/ledger/v1/operations/dead-letters')).status).toBe(403);
    expect(await get('/api/ledger/v1/enterprises/E1/no-such-thing')).toEqual({
      status: 404,
      body: { code: 'not-found', reason: 'no such route' },
    });
    expect((await get('/api/video-archive/v1/enterprises/E1/retention-report')).status).toBe(404);
    // (fetch itself resolves dot segments; an encoded slash reaches the gateway as such.)
    expect((await get('/api/ledger/v1/enterprises/E1%2Fx/passages')).status).toBe(400);
    expect(seen).toEqual([]);
    expect((await get('/api/ledger/v1/enterprises/E1/passages?limit=5')).status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/enterprises/E1/passages?limit=5']);
  });

  it('serves the JWKS only on the internal listener', async () => {
    const internal = await fetch(`${t.gateway.internalUrl}/.well-known/jwks.json`);
    expect(((await internal.json()) as { keys: unknown[] }).keys).toEqual([
      expect.objectContaining({ kty: 'EC', alg: 'ES256', kid: 'gateway-test' }),
    ]);
    expect((await fetch(`${t.gateway.url}/.well-known/jwks.json`)).status).toBe(404);
    expect((await fetch(`${t.gateway.internalUrl}/health`)).status).toBe(200);
    const openApi = (await (await fetch(`${t.gateway.url}/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(openApi.paths)).toContain('/auth/login');
  });

  describe('integrator API keys', () => {
    let entAdmin: Browser;
    const createKey = async (scopes: string[], enterprise = 'E1') => {
      const created = await entAdmin.call('POST', `/api/gateway/v1/enterprises/${enterprise}/api-keys`, {
        body: { name: 'erp-sync', scopes, expiresInDays: 30 },
      });
      return created;
    };
    const withKey = (key: string, path: string, init: RequestInit = {}) =>
      fetch(`${t.gateway.url}${path}`, {
        ...init,
        headers: { authorization: `ApiKey ${key}`, ...(init.headers ?? {}) },
      });

    beforeAll(async () => {
      entAdmin = await t.signedIn({ username: 'e1.admin', role: 'enterprise-admin', enterpriseId: 'E1' });
    });

    it('creates a key (secret shown once), uses it within its scopes and enterprise', async () => {
      const created = await createKey(['passages:read', 'documents:write']);
      expect(created.status).toBe(201);
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^egk_/);
      const stored: { key_hash: string }[] = await t.gateway.dataSource.query(
        `SELECT "key_hash" FROM "gateway_api_keys"`,
      );
      expect(JSON.stringify(stored)).not.toContain(secret);
      expect((await withKey(secret, '/api/ledger/v1/enterprises/E1/passages')).status).toBe(200);
      expect(seen[0]?.principal).toMatchObject({
        role: 'integrator',
        enterprises: ['E1'],
        scopes: ['passages:read', 'documents:write'],
        subject: `key:${created.body.key.id}`,
      });
      expect((await withKey(secret, '/api/ledger/v1/enterprises/E2/passages')).status).toBe(404);
      expect((await withKey(secret, '/api/ledger/v1/enterprises/E1/vehicles/X1')).status).toBe(403); // vehicles:read missing
      expect((await withKey(secret, '/auth/me')).status).toBe(403);
      const listed = await entAdmin.call('GET', '/api/gateway/v1/enterprises/E1/api-keys');
      expect(listed.body[0]).toMatchObject({
        id: created.body.key.id,
        lastUsedAt: expect.any(String),
        revokedAt: null,
      });
      expect(listed.body[0].secret).toBeUndefined();
    });

    it('stops working once revoked or expired', async () => {
      const revoked = await createKey(['passages:read']);
      expect((await withKey(revoked.body.secret, '/api/ledger/v1/enterprises/E1/passages')).status).toBe(200);
      expect(
        (await entAdmin.call('DELETE', `/api/gateway/v1/enterprises/E1/api-keys/${revoked.body.key.id}`))
          .status,
      ).toBe(204);
      expect((await withKey(revoked.body.secret, '/api/ledger/v1/enterprises/E1/passages')).status).toBe(401);
      const expiring = await createKey(['passages:read']);
      await t.gateway.dataSource.query(
        `UPDATE "gateway_api_keys" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`,
        [expiring.body.key.id],
      );
      expect((await withKey(expiring.body.secret, '/api/ledger/v1/enterprises/E1/passages')).status).toBe(
        401,
      );
      expect((await withKey('egk_not-a-key', '/api/ledger/v1/enterprises/E1/passages')).status).toBe(401);
    });

    it('refuses scopes that do not exist and keys for another enterprise', async () => {
      expect((await createKey(['everything'])).status).toBe(400);
      expect((await createKey(['passages:read'], 'E2')).status).toBe(404);
    });

    it('rate-limits per key', async () => {
      const created = await createKey(['passages:read']);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () =>
          withKey(created.body.secret, '/api/ledger/v1/enterprises/E1/passages').then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    });
  });
});
