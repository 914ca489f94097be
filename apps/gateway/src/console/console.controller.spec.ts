import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier, usePolicy } from '@ecogate/auth';
import { CodedErrorFilter } from '@ecogate/http-edge';
import { createLogger } from '@ecogate/telemetry';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ALL_ERROR_STATUS } from '../http/error-status';
import { ConsoleFiles } from './console-files';
import { consoleContentSecurityPolicy } from './console-headers';
import { ConsoleModule } from './console.module';

const logger = createLogger({ service: 'console-spec', level: 'silent' });
const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/index-Ab12.js"></script></body></html>';
const SCRIPT = 'console.log("ecogate");';
const SECRET = 'DATABASE_URL=postgres://secret';

@Controller()
class ApiStandIn {
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('api/gateway/v1/users')
  users() {
    return [];
  }
}

@Module({ controllers: [ApiStandIn] })
class ApiModule {}

/** One GET with the path exactly as written (no client-side normalisation of `..`). */
function get(base: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: new URL(base).hostname, port: new URL(base).port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function consoleApp(
  dir: string,
  consoleFirst = false,
): Promise<{ app: INestApplication; base: string }> {
  const consoleModule = ConsoleModule.register({
    files: new ConsoleFiles(dir),
    contentSecurityPolicy: consoleContentSecurityPolicy(['https://minio.city.example:9000']),
  });
  @Module({ imports: consoleFirst ? [consoleModule, ApiModule] : [ApiModule, consoleModule] })
  class TestModule {}
  const app = await NestFactory.create(TestModule, { logger: false });
  usePolicy(app, 'gateway', new TokenVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json' }), logger);
  app.useGlobalFilters(new CodedErrorFilter(logger, ALL_ERROR_STATUS));
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

describe('the console (a built Vite dist/ in CONSOLE_DIR)', () => {
  const home = mkdtempSync(join(tmpdir(), 'console-spec-'));
  const dist = join(home, 'dist');
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, 'assets', 'index-Ab12.js'), SCRIPT);
    writeFileSync(join(dist, 'assets', 'index-Ab12.css'), 'body{margin:0}');
    writeFileSync(join(home, 'secret.env'), SECRET);
    symlinkSync(join(home, 'secret.env'), join(dist, 'assets', 'leak.js'));
    ({ app, base } = await consoleApp(dist));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers / with index.html, revalidated every time, under a strict CSP', async () => {
    const answer = await get(base, '/', html);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(INDEX);
    expect(answer.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
    });
    const csp = answer.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob: https://minio.city.example:9000");
    expect(csp).toContain("media-src 'self' blob: https://minio.city.example:9000");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    const again = await get(base, '/', { ...html, 'if-none-match': answer.headers['etag'] as string });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers a client-side route that asks for HTML with the shell, and one that does not with 404', async () => {
    for (const path of ['/passages/today', '/enterprises/ent-1/lanes?view=grid', '/a.b/c']) {
      const page = await get(base, path, html);
      expect({ path, status: page.status, body: page.body }).toEqual({ path, status: 200, body: INDEX });
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const data = await get(base, '/passages/today', { accept: 'application/json' });
    expect(data.status).toBe(404);
    expect(data.body).not.toContain('<html');
  });

  it('answers hashed assets with their content type, cached for a year', async () => {
    const script = await get(base, '/assets/index-Ab12.js');
    expect(script).toMatchObject({
      status: 200,
      body: SCRIPT,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
        'content-length': String(Buffer.byteLength(SCRIPT)),
      },
    });
    expect((await get(base, '/assets/index-Ab12.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    const favicon = await get(base, '/favicon.svg', { accept: 'image/*' });
    expect(favicon).toMatchObject({
      status: 200,
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'no-cache' },
    });
  });

  it('answers a missing asset with 404, never the shell', async () => {
    for (const path of ['/assets/index-Zz99.js', '/assets/', '/assets', '/assets/sub/dir.js']) {
      const missing = await get(base, path, html);
      expect({ path, status: missing.status }).toEqual({ path, status: 404 });
      expect(JSON.parse(missing.body)).toMatchObject({ code: 'not-found' });
    }
  });

  it('never reads outside the folder: dot segments (plain or encoded), encoded slashes, symbolic links', async () => {
    for (const path of [
      '/assets/../../secret.env',
      '/assets/%2e%2e/%2e%2e/secret.env',
      '/assets/..%2f..%2fsecret.env',
      '/assets/%2E%2E%5C%2E%2E%5Csecret.env',
      '/assets/leak.js',
      '/assets/%2e%2e/index.html',
      '/assets/../index.html',
      '/assets/%2E%2E/%2E%2E/console-spec-x/secret.env',
      '/..%2fsecret.env',
      '/%2e%2e/secret.env',
      '/../secret.env',
    ]) {
      for (const headers of [{}, html]) {
        const answer = await get(base, path, headers);
        expect({ path, leaked: answer.body.includes(SECRET) }).toEqual({ path, leaked: false });
        // Under /assets: 404, never a file from elsewhere (not even the shell); elsewhere the shell at most.
        if (path.startsWith('/assets/'))
          expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        else expect({ path, ok: answer.status === 404 || answer.body === INDEX }).toEqual({ path, ok: true });
      }
    }
  });

  it('passes the reserved paths on to their routes, whatever the Accept header', async () => {
    expect(await get(base, '/health', html)).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    // A data route stays authenticated: the policy guard answers, not the console.
    const users = await get(base, '/api/gateway/v1/users', html);
    expect(users.status).toBe(401);
    for (const path of ['/api/gateway/v1/nothing', '/auth/nothing', '/objects/b/k', '/openapi.json']) {
      const answer = await get(base, path, html);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.body).not.toContain('<html');
    }
  });

  it('passes them on even where its catch-all route was registered first', async () => {
    const early = await consoleApp(dist, true);
    try {
      expect(await get(early.base, '/health', html)).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      expect((await get(early.base, '/api/gateway/v1/users', html)).status).toBe(401);
      expect((await get(early.base, '/passages', html)).body).toBe(INDEX);
    } finally {
      await early.app.close();
    }
  });

  it('answers 404 while the console is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-empty-'));
    const unbuilt = await consoleApp(empty);
    try {
      const answer = await get(unbuilt.base, '/', html);
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'not-found' });
      expect((await get(unbuilt.base, '/passages', html)).status).toBe(404);
    } finally {
      await unbuilt.app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
