import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { CORRELATION_HEADER, currentCorrelationId } from './correlation';
import { correlationMiddleware } from './http-correlation.middleware';

describe('correlationMiddleware', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) =>
      correlationMiddleware(req, res, () => {
        // Seen by the handler after an await, as real handlers are.
        void Promise.resolve().then(() => res.end(currentCorrelationId()));
      }),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((done) => server.close(done)));

  it('keeps the caller id, echoes it and makes it current', async () => {
    const response = await fetch(base, { headers: { [CORRELATION_HEADER]: 'gate-2:abc' } });
    expect(response.headers.get(CORRELATION_HEADER)).toBe('gate-2:abc');
    expect(await response.text()).toBe('gate-2:abc');
  });

  it.each([['<script>'], ['x'.repeat(300)]])('replaces an unacceptable id %#', async (bad) => {
    const response = await fetch(base, { headers: { [CORRELATION_HEADER]: bad } });
    const id = response.headers.get(CORRELATION_HEADER);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.text()).toBe(id);
  });

  it('starts an id when none is sent', async () => {
    const response = await fetch(base);
    expect(response.headers.get(CORRELATION_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
