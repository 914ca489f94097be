import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { fetchWithin, NoAnswerError } from './fetch-within';

describe('fetchWithin', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Answers /fast at once and never answers /slow.
    server = createServer((req, res) => {
      if (req.url === '/fast') res.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('answers the response when the peer answers in time', async () => {
    expect(await (await fetchWithin(`${url}/fast`, {}, 2_000)).text()).toBe('ok');
  });

  it('a peer that does not answer in time is a timeout, named with its URL', async () => {
    const failure = await fetchWithin(`${url}/slow`, {}, 100).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(NoAnswerError);
    expect(failure).toMatchObject({ kind: 'timeout', message: `no answer from ${url}/slow within 100 ms` });
  });

  it('a peer nobody listens for is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const failure = await fetchWithin(`http://127.0.0.1:${port}/`, {}, 2_000).catch(
      (caught: unknown) => caught,
    );
    expect(failure).toMatchObject({ kind: 'unreachable' });
    expect((failure as Error).message).toMatch(`http://127.0.0.1:${port}/ unreachable`);
  });
});
