import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseAll } from '@ecogate/testing';
import { consoleContentSecurityPolicy } from './console';
import { type Browser } from './testing/gateway-test-kit';
import { startTestGateway, type TestGateway } from './testing/test-gateway';

// The built console (CONSOLE_DIR) through the whole gateway: helmet, the authentication middleware
// and the policy guard in front of it. A fake Vite dist/ in a temporary folder.
jest.setTimeout(90_000);

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-Q1w2.js"></script></head></html>';
const SCRIPT = 'export const ecogate = 1;';
const MINIO = 'https://minio.city.example:9000';
const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

/** A GET exactly as written, with these cookies. */
function rawGet(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: new URL(base).hostname, port: new URL(base).port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

const cookiesOf = (browser: Browser) =>
  [...browser.cookies]
    .filter(([name]) => name !== 'ecogate_refresh')
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

describe('the console served by the gateway (CONSOLE_DIR)', () => {
  const dist = mkdtempSync(join(tmpdir(), 'gateway-console-'));
  let t: TestGateway;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-Q1w2.js'), SCRIPT);
    // idleSeconds: sessions outlast a slow machine (the kit's 4 s default serves its idle tests).
    t = await startTestGateway({ console: { dir: dist, imageOrigins: [MINIO] }, idleSeconds: 600 });
    base = t.gateway.url;
  });
  afterAll(() =>
    releaseAll(
      () => t?.close(),
      () => rmSync(dist, { recursive: true, force: true }),
    ),
  );

  it('answers the shell and the assets with their caching and one strict CSP (not helmet’s)', async () => {
    const shell = await rawGet(base, '/', { accept: HTML });
    expect(shell).toMatchObject({
      status: 200,
      body: INDEX,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': consoleContentSecurityPolicy([MINIO]),
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
      },
    });
    expect(await rawGet(base, '/enterprises/E1/live', { accept: HTML })).toMatchObject({
      status: 200,
      body: INDEX,
    });
    expect(await rawGet(base, '/assets/index-Q1w2.js')).toMatchObject({
      status: 200,
      body: SCRIPT,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
      },
    });
    const missing = await rawGet(base, '/assets/index-Zz00.js', { accept: HTML });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'not-found' });
    for (const path of ['/assets/%2e%2e/index.html', '/assets/../../etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const answer = await rawGet(base, path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
  });

  it('loads for a session with a pending action and for an ended session (the page that deals with them)', async () => {
    const created = await t.admin.call('POST', '/api/gateway/v1/users', {
      body: { username: 'console.li', displayName: 'Li', role: 'city-operator' },
    });
    const pending = t.browser();
    await pending.call('POST', '/auth/login', {
      body: { username: 'console.li', password: created.body.oneTimePassword },
    });
    expect((await pending.call('GET', '/api/gateway/v1/enterprises')).body.code).toBe(
      'password-change-required',
    );
    expect(await rawGet(base, '/', { accept: HTML, cookie: cookiesOf(pending) })).toMatchObject({
      status: 200,
      body: INDEX,
    });
    expect((await rawGet(base, '/assets/index-Q1w2.js', { cookie: cookiesOf(pending) })).status).toBe(200);

    const signedOut = await t.signedIn({ username: 'console.wang', role: 'city-operator' });
    const stale = signedOut.copy();
    expect((await signedOut.call('POST', '/auth/logout')).status).toBe(204);
    expect((await stale.call('GET', '/auth/me')).status).toBe(401);
    const page = await rawGet(base, '/passages', { accept: HTML, cookie: cookiesOf(stale) });
    expect(page).toMatchObject({ status: 200, body: INDEX });
    // The console's answers leave the session cookies alone (no session was looked up).
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('leaves every API route to the API, whatever the Accept header', async () => {
    const me = await rawGet(base, '/auth/me', { accept: HTML, cookie: cookiesOf(t.admin) });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ username: 'root-admin' });
    expect(JSON.parse((await rawGet(base, '/health', { accept: HTML })).body)).toEqual({ status: 'ok' });
    const document = JSON.parse((await rawGet(base, '/openapi.json', { accept: HTML })).body) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/assets/{path}',
        '/{path}',
        '/api/live/v1/enterprises/{enterpriseId}/lanes',
      ]),
    );
    const users = await rawGet(base, '/api/gateway/v1/users', { accept: HTML });
    expect({ status: users.status, code: JSON.parse(users.body).code }).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    for (const path of [
      '/api/gateway/v1/nothing',
      '/api/ledger/v1/nothing',
      '/auth/nothing',
      '/objects/b/k',
    ]) {
      const answer = await rawGet(base, path, { accept: HTML, cookie: cookiesOf(t.admin) });
      expect({ path, status: answer.status, html: answer.body.includes('<html') }).toEqual({
        path,
        status: 404,
        html: false,
      });
    }
  });
});

describe('a gateway without CONSOLE_DIR', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ bus: 'embedded' });
  });
  afterAll(() => t?.close());

  it('serves no console', async () => {
    for (const path of ['/', '/passages', '/assets/index-Q1w2.js'])
      expect({ path, status: (await rawGet(t.gateway.url, path, { accept: HTML })).status }).toEqual({
        path,
        status: 404,
      });
  });
});
