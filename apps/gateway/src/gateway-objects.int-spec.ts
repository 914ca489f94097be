import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from '@ecogate/config';
import { FilesystemObjectStorage, signLink } from '@ecogate/storage';
import { releaseAll, freePort } from '@ecogate/testing';
import { startTestGateway, type TestGateway } from './testing/test-gateway';

// Signed links (ADR 0008) through the real gateway in the embedded profile: a service writes into
// the filesystem object store (a temporary directory) and signs links with the shared secret; the
// gateway, on the same store, verifies them and streams the bytes. Beside it, a gateway whose
// objects live on MinIO has no such route.
jest.setTimeout(90_000);

const SECRET = `signed-link-secret-${randomBytes(16).toString('hex')}`;
const VIDEO = 'video-segments';
const DOCS = 'ledger-documents';
const SEGMENT_KEY = 'E1/site-1/2026/12/06/segment/京A 12345+夜.ts';

/** A GET exactly as written: `fetch` would normalise `..` and `%2E%2E` segments away. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const md5 = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;

describe('signed links to filesystem objects through the gateway (embedded profile)', () => {
  let root: string;
  let base: string;
  let service: FilesystemObjectStorage;
  let t: TestGateway;
  let onMinio: TestGateway;
  const segment = randomBytes(300_000);
  const firstVersion = Buffer.from('the first version of the scan');
  let firstVersionId: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gateway-objects-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const signedLinks = { baseUrl: `${base}/objects`, secret: SECRET };
    // A service's view of the same store: it writes, and signs links with the shared secret.
    service = new FilesystemObjectStorage({ root, signedLinks });
    await service.ensureBucket(VIDEO);
    await service.ensureBucket(DOCS, { versioning: true });
    await service.put(VIDEO, SEGMENT_KEY, segment, { contentType: 'video/mp2t' });
    firstVersionId = (
      await service.put(DOCS, 'E1/licence.pdf', firstVersion, { contentType: 'application/pdf' })
    ).versionId!;
    await service.put(DOCS, 'E1/licence.pdf', Buffer.from('the second version'), {
      contentType: 'application/pdf',
    });
    [t, onMinio] = await Promise.all([
      startTestGateway({
        bus: 'embedded',
        httpPort: port,
        objectStorage: {
          kind: 'filesystem',
          root,
          signedLinks: { baseUrl: signedLinks.baseUrl, secret: new Secret(SECRET) },
        },
      }),
      startTestGateway({ bus: 'embedded', objectStorage: { kind: 'minio' } }),
    ]);
  });
  afterAll(() =>
    releaseAll(
      () => t?.close(),
      () => onMinio?.close(),
      () => rm(root, { recursive: true, force: true }),
    ),
  );

  const link = (bucket: string, key: string, options: { versionId?: string } = {}) =>
    service.presignedGetUrl(bucket, key, 60, options);

  it('streams the object a valid link names, with its type, length and ETag', async () => {
    const url = await link(VIDEO, SEGMENT_KEY);
    expect(url.startsWith(`${base}/objects/${VIDEO}/E1/site-1/`)).toBe(true);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(segment)).toBe(true);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'video/mp2t',
      'content-length': String(segment.length),
      etag: md5(segment),
      'cache-control': 'private',
      'accept-ranges': 'bytes',
      'content-security-policy': 'sandbox',
    });
  });

  it('serves the version a link names, and the current one without', async () => {
    const first = await fetch(await link(DOCS, 'E1/licence.pdf', { versionId: firstVersionId }));
    expect(first.status).toBe(200);
    expect(await first.text()).toBe(firstVersion.toString());
    expect(await (await fetch(await link(DOCS, 'E1/licence.pdf'))).text()).toBe('the second version');
  });

  it('needs no session: an ended session in the same browser does not stand in the way', async () => {
    // The admin's cookies, kept after its session ended (the admin itself signs in again on demand).
    const stale = t.admin.copy();
    await t.admin.copy().call('POST', '/auth/logout');
    const url = new URL(await link(VIDEO, SEGMENT_KEY));
    expect((await stale.call('GET', `${url.pathname}${url.search}`)).status).toBe(200);
    // The same cookies anywhere else: the session has ended.
    expect((await stale.call('GET', '/auth/me')).status).toBe(401);
  });

  it('refuses a tampered link: 403 invalid-link-signature', async () => {
    const url = new URL(await link(VIDEO, SEGMENT_KEY));
    const signature = url.searchParams.get('signature')!;
    const tampered = (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return fetch(copy);
    };
    for (const answer of [
      await tampered((u) =>
        u.searchParams.set('signature', `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`),
      ),
      await tampered((u) =>
        u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600)),
      ),
      await tampered((u) => (u.pathname = u.pathname.replace('site-1', 'site-2'))),
      await tampered((u) => u.searchParams.set('versionId', firstVersionId)),
    ]) {
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ code: 'invalid-link-signature' });
    }
  });

  it('refuses an expired link: 410 link-expired', async () => {
    const expired = signLink(
      { baseUrl: `${base}/objects`, secret: SECRET },
      { bucket: VIDEO, key: SEGMENT_KEY, versionId: null },
      new Date(Date.now() - 1000),
    );
    const answer = await fetch(expired);
    expect(answer.status).toBe(410);
    expect(await answer.json()).toMatchObject({ code: 'link-expired' });
  });

  it('refuses a link moved to another bucket (403), and answers 404 for a bucket or object that is not there', async () => {
    const url = new URL(await link(VIDEO, SEGMENT_KEY));
    url.pathname = url.pathname.replace(`/objects/${VIDEO}/`, `/objects/${DOCS}/`);
    expect((await fetch(url)).status).toBe(403);

    const signer = { baseUrl: `${base}/objects`, secret: SECRET };
    const inFuture = new Date(Date.now() + 60_000);
    for (const target of [
      { bucket: 'no-such-bucket', key: SEGMENT_KEY, versionId: null },
      { bucket: VIDEO, key: 'E1/never-written.ts', versionId: null },
      { bucket: DOCS, key: 'E1/licence.pdf', versionId: 'no-such-version' },
    ]) {
      const answer = await fetch(signLink(signer, target, inFuture));
      expect({ target, status: answer.status, body: await answer.json() }).toMatchObject({
        status: 404,
        body: { code: 'not-found' },
      });
    }
    await service.put(VIDEO, 'E1/gone.ts', Buffer.from('x'), { contentType: 'video/mp2t' });
    const gone = await link(VIDEO, 'E1/gone.ts');
    await service.remove(VIDEO, 'E1/gone.ts');
    expect((await fetch(gone)).status).toBe(404);
  });

  it('answers one byte range (206), refuses one past the end (416), and honours If-Range and If-None-Match', async () => {
    const url = await link(VIDEO, SEGMENT_KEY);
    const part = await fetch(url, { headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${segment.length}`);
    expect(part.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(segment.subarray(1000, 2000))).toBe(true);

    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(segment.subarray(segment.length - 10))).toBe(true);

    const open = await fetch(url, { headers: { range: `bytes=${segment.length - 5}-` } });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(5);

    const past = await fetch(url, { headers: { range: `bytes=${segment.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${segment.length}`);
    expect(await past.json()).toMatchObject({ code: 'range-not-satisfiable' });

    const changed = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"another-version"' } });
    expect(changed.status).toBe(200);
    expect((await changed.arrayBuffer()).byteLength).toBe(segment.length);

    const cached = await fetch(url, { headers: { 'if-none-match': md5(segment) } });
    expect(cached.status).toBe(304);
  });

  it('refuses a malformed link (400 invalid-link), dot segments included', async () => {
    const url = new URL(await link(VIDEO, SEGMENT_KEY));
    const unsigned = new URL(url);
    unsigned.searchParams.delete('signature');
    expect(await (await fetch(unsigned)).json()).toMatchObject({ code: 'invalid-link' });

    const query = url.search;
    for (const path of [
      `/objects/${VIDEO}/E1/../E1/site-1/x.ts${query}`,
      `/objects/${VIDEO}/E1/%2E%2E/%2e%2E/etc/passwd${query}`,
      `/objects/${VIDEO}/E1/./x.ts${query}`,
    ]) {
      const answer = await rawGet(base, path);
      expect({ path, status: answer.status, body: JSON.parse(answer.body) as unknown }).toMatchObject({
        path,
        status: 400,
        body: { code: 'invalid-link' },
      });
    }
    // Not percent-encoded UTF-8: the router refuses it before the route (as on every route), 400.
    expect((await rawGet(base, `/objects/${VIDEO}/E1/%E0%A4%A${query}`)).status).toBe(400);
  });

  it('has no such route where objects live on MinIO (links point at MinIO there)', async () => {
    const valid = new URL(await link(VIDEO, SEGMENT_KEY));
    const answer = await fetch(`${onMinio.gateway.url}${valid.pathname}${valid.search}`);
    expect(answer.status).toBe(404);
  });
});
