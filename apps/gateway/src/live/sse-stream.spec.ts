import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { expectEventually } from '@ecogate/testing';
import { type LaneSubscriber } from './lane-streams';
import { openSseStream } from './sse-stream';

/** A server whose one route opens a stream; the test drives it through `stream`. */
async function serve(deadlineInMs: number, heartbeatMs = 60_000, maxBufferedBytes = 1024 * 1024) {
  const opened: { stream: LaneSubscriber; ended: boolean; res: ServerResponse }[] = [];
  const server: Server = createServer((_req, res) => {
    const entry = { stream: undefined as unknown as LaneSubscriber, ended: false, res };
    entry.stream = openSseStream(
      res,
      { heartbeatMs, retryMs: 1500, maxBufferedBytes },
      Date.now() + deadlineInMs,
      () => {
        entry.ended = true;
      },
    );
    opened.push(entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    opened,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads the stream as text until it ends (or the test stops looking). */
function read(url: string) {
  const seen = { text: '', headers: {} as IncomingMessage['headers'], status: 0, ended: false };
  const request = get(url, (res) => {
    seen.status = res.statusCode ?? 0;
    seen.headers = res.headers;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (seen.text += chunk));
    res.on('end', () => (seen.ended = true));
    res.on('error', () => (seen.ended = true));
  });
  request.on('error', () => (seen.ended = true));
  return { seen, abort: () => request.destroy() };
}

describe('openSseStream', () => {
  it('answers unbuffered event-stream headers at once, then id/event/data blocks', async () => {
    const server = await serve(60_000);
    const { seen, abort } = read(server.url);
    try {
      await expectEventually(() => expect(seen.text).toContain(': connected'));
      expect(seen.status).toBe(200);
      expect(seen.headers).toMatchObject({
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      expect(seen.text.startsWith('retry: 1500\n')).toBe(true);
      server.opened[0]!.stream.send({
        id: '7b0b7a4e-8a0e-4c43-9a53-5f2b6a2d1c11',
        event: 'camera',
        data: {
          cameraId: 'cam-1',
          status: 'offline',
          reason: 'line one\nline two',
          at: '2026-11-28T08:00:00.000Z',
        },
      });
      await expectEventually(() =>
        expect(seen.text).toContain(
          'id: 7b0b7a4e-8a0e-4c43-9a53-5f2b6a2d1c11\nevent: camera\ndata: {"cameraId":"cam-1","status":"offline","reason":"line one\\nline two","at":"2026-11-28T08:00:00.000Z"}\n\n',
        ),
      );
    } finally {
      abort();
      await server.close();
    }
  });

  it('sends a comment heartbeat', async () => {
    const server = await serve(60_000, 30);
    const { seen, abort } = read(server.url);
    try {
      await expectEventually(() =>
        expect(seen.text.match(/: heartbeat\n\n/g)?.length ?? 0).toBeGreaterThan(1),
      );
    } finally {
      abort();
      await server.close();
    }
  });

  it('ends at its deadline (the access token expires), and tells when the browser leaves', async () => {
    const server = await serve(100);
    const first = read(server.url);
    await expectEventually(() => expect(first.seen.ended).toBe(true));
    expect(server.opened[0]!.ended).toBe(true);

    const second = read(`${server.url}?again`);
    await expectEventually(() => expect(server.opened).toHaveLength(2));
    second.abort();
    await expectEventually(() => expect(server.opened[1]!.ended).toBe(true));
    await server.close();
  });

  it('cuts off a reader that does not keep up', async () => {
    const server = await serve(60_000, 60_000, 64 * 1024);
    const { abort } = read(server.url);
    try {
      await expectEventually(() => expect(server.opened).toHaveLength(1));
      const entry = server.opened[0]!;
      // No socket takes 4 MiB in one write: far more than 64 KiB stays queued.
      const big = 'x'.repeat(4 * 1024 * 1024);
      entry.stream.send({
        id: '7b0b7a4e-8a0e-4c43-9a53-5f2b6a2d1c11',
        event: 'camera',
        data: { cameraId: 'cam-1', status: 'offline', reason: big, at: '2026-11-28T08:00:00.000Z' },
      });
      expect(entry.ended).toBe(true);
      expect(entry.res.destroyed).toBe(true);
    } finally {
      abort();
      await server.close();
    }
  });
});
