import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { z } from 'zod';
import { VideoArchiveClient, VideoArchiveUnavailableError } from './video-archive.client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('VideoArchiveClient', () => {
  let server: Server;
  let handler: Handler;
  let client: VideoArchiveClient;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new VideoArchiveClient({
      baseUrl: `${baseUrl}/`,
      timeoutMs: 500,
      token: { header: () => Promise.resolve('Bearer ledger-token') },
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const json =
    (status: number, body: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };

  it("calls as the ledger, encodes each segment, and validates the archive's answer", async () => {
    let seen: { url?: string; authorization?: string } = {};
    handler = (req, res) => {
      seen = { url: req.url ?? '', authorization: req.headers.authorization ?? '' };
      json(200, [
        { clipId: 'c1', direction: 'in', cameraId: 'cam 1', status: 'missing', reason: 'no video' },
      ])(req, res);
    };
    const clips = await client.passageClips('ent/1', 'p1');
    expect(seen).toEqual({
      url: '/api/v1/enterprises/ent%2F1/passages/p1/clips',
      authorization: 'Bearer ledger-token',
    });
    expect(clips).toEqual([
      { clipId: 'c1', direction: 'in', cameraId: 'cam 1', status: 'missing', reason: 'no video' },
    ]);
  });

  it('posts JSON with the query string, and reads a 404 as nothing known', async () => {
    let body = '';
    handler = (req, res) => {
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () =>
        json(req.url === '/api/v1/enterprises/e1/things?a=1' ? 202 : 500, { id: 'x' })(req, res),
      );
    };
    await expect(
      client.request(z.object({ id: z.string() }), 'POST', ['e1', 'things'], {
        query: { a: '1' },
        body: { b: 2 },
      }),
    ).resolves.toEqual({ id: 'x' });
    expect(JSON.parse(body)).toEqual({ b: 2 });

    handler = json(404, { code: 'clips-not-found' });
    await expect(client.passageClips('e1', 'p1')).resolves.toBeUndefined();
  });

  it.each([
    [403, 'refused'],
    [503, 'server-error'],
  ] as const)(
    'reads %i as the archive being unavailable (%s), never as no video',
    async (status, failure) => {
      handler = json(status, {});
      await expect(client.passageClips('e1', 'p1')).rejects.toMatchObject({ failure });
    },
  );

  it('refuses a body that is not what the archive promises', async () => {
    handler = json(200, [{ clipId: 'c1', status: 'archived' }]);
    const error = await client.passageClips('e1', 'p1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VideoArchiveUnavailableError);
    expect(error).toMatchObject({ failure: 'invalid-response' });
  });

  it('times out a silent archive, and names an unreachable one', async () => {
    handler = () => undefined;
    await expect(client.passageClips('e1', 'p1')).rejects.toMatchObject({ failure: 'timeout' });
    const nowhere = new VideoArchiveClient({
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 500,
      token: { header: () => Promise.resolve('Bearer t') },
    });
    await expect(nowhere.passageClips('e1', 'p1')).rejects.toMatchObject({ failure: 'unreachable' });
  });

  it('downloads the bytes behind a link it was handed', async () => {
    handler = (_req, res) => res.writeHead(200).end(Buffer.from([1, 2, 3]));
    await expect(client.download(`${baseUrl}/clip.mp4`)).resolves.toEqual(Buffer.from([1, 2, 3]));
    handler = (_req, res) => res.writeHead(410).end();
    await expect(client.download(`${baseUrl}/clip.mp4`)).rejects.toMatchObject({ failure: 'server-error' });
  });

  it('requests a window scan, reads it back validated, and reads the outages of a period', async () => {
    const seen: string[] = [];
    const scan = {
      id: 's1',
      enterpriseId: 'e1',
      from: '2026-03-10T02:00:00.000Z',
      to: '2026-03-10T02:10:00.000Z',
      cameraIds: null,
      status: 'running',
      progress: { framesDone: 10, framesTotal: 600 },
      createdAt: '2026-03-10T03:00:00.000Z',
      cameras: [{ cameraId: 'cam-1', videoSeconds: 600, gapSeconds: 0 }],
      plates: [],
    };
    handler = (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === 'POST') return json(202, { id: 's1', status: 'queued' })(req, res);
      if (req.url?.includes('/outages')) return json(200, [])(req, res);
      return json(200, req.url?.endsWith('/s1') ? scan : { ...scan, plates: [{ plate: 'x' }] })(req, res);
    };
    await expect(client.requestWindowScan('e1', { from: scan.from, to: scan.to })).resolves.toEqual({
      id: 's1',
      status: 'queued',
    });
    await expect(client.windowScan('e1', 's1')).resolves.toMatchObject({ status: 'running', plates: [] });
    await expect(client.windowScan('e1', 's2')).rejects.toMatchObject({ failure: 'invalid-response' });
    await expect(client.outages('e1', { from: scan.from, to: scan.to })).resolves.toEqual([]);
    expect(seen).toEqual([
      'POST /api/v1/enterprises/e1/window-scans',
      'GET /api/v1/enterprises/e1/window-scans/s1',
      'GET /api/v1/enterprises/e1/window-scans/s2',
      `GET /api/v1/enterprises/e1/outages?from=${encodeURIComponent(scan.from)}&to=${encodeURIComponent(scan.to)}`,
    ]);
    handler = json(404, {});
    await expect(client.windowScan('e1', 's1')).resolves.toBeUndefined();
    await expect(client.requestWindowScan('e1', { from: scan.from, to: scan.to })).rejects.toMatchObject({
      failure: 'server-error',
    });
  });
});
