import { aRecord, aRecordsRequest } from '@ecogate/platform-protocol';
import { connect } from 'node:net';
import { type PlatformSimulator } from '../start-platform-simulator';
import {
  answerOf,
  getJson,
  networkErrorCode,
  postSigned,
  putFaults,
  startTestSimulator,
} from '../testing/simulator-test-client';

describe('fault injection', () => {
  let simulator: PlatformSimulator;
  let recordsUrl: string;

  const send = (serial = `F-${Math.random().toString(36).slice(2)}`, signal?: AbortSignal) =>
    postSigned(recordsUrl, aRecordsRequest([aRecord('vehicle').withSerial(serial).build()]), { signal });
  const stats = () =>
    getJson<{ accepted: number; injectedFaults: Record<string, number> }>(`${simulator.adminUrl}/_sim/stats`);
  const stored = () => getJson<{ count: number }>(`${simulator.adminUrl}/_sim/records`).then((r) => r.count);

  beforeAll(async () => {
    simulator = await startTestSimulator();
    recordsUrl = `${simulator.httpUrl}/api/v1/records`;
  });
  afterAll(() => simulator.close());
  beforeEach(async () => {
    await fetch(`${simulator.adminUrl}/_sim/records`, { method: 'DELETE' });
  });
  afterEach(async () => {
    expect((await putFaults(simulator, { failRate: 0, down: false })).status).toBe(200);
  });

  it('5xx: answers 500 and stores nothing', async () => {
    await putFaults(simulator, { failRate: 1, mode: '5xx' });
    const response = await send();
    expect(response.status).toBe(500);
    expect(await answerOf(response)).toMatchObject({ code: 5000, error: 'internal-error' });
    expect(await stored()).toBe(0);
    expect((await stats()).injectedFaults).toMatchObject({ '5xx': 1, total: 1 });
  });

  it('429: answers with Retry-After', async () => {
    await putFaults(simulator, { failRate: 1, mode: '429', retryAfterSeconds: 7 });
    const response = await send();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await answerOf(response)).toMatchObject({ code: 4290, error: 'rate-limited' });
  });

  it('timeout: never answers, so a short client timeout fires', async () => {
    await putFaults(simulator, { failRate: 1, mode: 'timeout' });
    expect(await send(undefined, AbortSignal.timeout(150)).catch((e: Error) => e.name)).toBe('TimeoutError');
    expect(await stored()).toBe(0);
  });

  it('reset: the connection is reset', async () => {
    await putFaults(simulator, { failRate: 1, mode: 'reset' });
    expect(await networkErrorCode(send())).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
    expect(await stored()).toBe(0);
  });

  it('slow: answers normally after slowMs', async () => {
    await putFaults(simulator, { failRate: 1, mode: 'slow', slowMs: 150 });
    const started = performance.now();
    const response = await send();
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('malformed-ack: stores the batch but answers truncated JSON; the retry gets duplicate', async () => {
    await putFaults(simulator, { failRate: 1, mode: 'malformed-ack' });
    const response = await send('MAL-1');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(await stored()).toBe(1);

    await putFaults(simulator, { failRate: 0 });
    expect((await answerOf(await send('MAL-1'))).acks).toEqual([{ serial: 'MAL-1', status: 'duplicate' }]);
  });

  it('down: refuses HTTP and TCP connections, keeps the control API, and recovers on the same ports', async () => {
    await putFaults(simulator, { down: true });
    expect(await networkErrorCode(send())).toBe('ECONNREFUSED');
    const tcpError = await new Promise<string | undefined>((resolve) => {
      const socket = connect({ port: simulator.tcpPort, host: simulator.tcpHost });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(tcpError).toBe('ECONNREFUSED');
    expect((await getJson(`${simulator.adminUrl}/_sim/faults`)).down).toBe(true);

    await putFaults(simulator, { down: false });
    expect((await send()).status).toBe(200);
  });

  it('failRate with a seed faults a reproducible subset of requests', async () => {
    const run = async () => {
      await putFaults(simulator, { failRate: 0.5, mode: '5xx', seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await send()).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('never faults the control API', async () => {
    await putFaults(simulator, { failRate: 1, mode: '5xx' });
    expect((await fetch(`${simulator.adminUrl}/_sim/stats`)).status).toBe(200);
  });
});
