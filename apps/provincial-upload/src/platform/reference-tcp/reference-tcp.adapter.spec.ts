import { Secret } from '@ecogate/config';
import { aRecord, type PlatformRecord, SAMPLE_ENTERPRISE_CODE } from '@ecogate/platform-protocol';
import {
  getJson,
  type PlatformSimulator,
  putFaults,
  startTestSimulator,
  TEST_APP,
} from '@ecogate/platform-simulator';
import { expectEventually } from '@ecogate/testing';
import { type PlatformDeliveryError } from '../platform-adapter';
import { ReferenceTcpAdapter } from './reference-tcp.adapter';

// The TCP adapter against the real simulator's TCP server, in-process on 127.0.0.1.

interface SimStats {
  accepted: number;
  duplicates: number;
  heartbeats: number;
}
interface Liveness {
  tcpSessions: { enterpriseCode?: string }[];
}

const records = (prefix: string, count: number): PlatformRecord[] =>
  Array.from({ length: count }, (_, i) => aRecord('transport-passage').withSerial(`${prefix}-${i}`).build());

async function failureOf(call: Promise<unknown>): Promise<PlatformDeliveryError> {
  try {
    await call;
  } catch (error) {
    return error as PlatformDeliveryError;
  }
  throw new Error('expected the call to fail');
}

describe('ReferenceTcpAdapter against the simulator', () => {
  let simulator: PlatformSimulator;
  const adapters: ReferenceTcpAdapter[] = [];

  const anAdapter = (overrides: { secret?: string; requestTimeoutMs?: number; port?: number } = {}) => {
    const adapter = new ReferenceTcpAdapter({
      url: `tcp://${simulator.tcpHost}:${overrides.port ?? simulator.tcpPort}`,
      appId: TEST_APP.appId,
      secret: new Secret(overrides.secret ?? TEST_APP.secret),
      signMethod: 'SM3',
      // Generous: a loaded CI machine must not turn a local answer into a timeout.
      requestTimeoutMs: overrides.requestTimeoutMs ?? 10_000,
    });
    adapters.push(adapter);
    return adapter;
  };
  const stats = () => getJson<SimStats>(`${simulator.adminUrl}/_sim/stats`);
  const tcpSessions = async () =>
    (await getJson<Liveness>(`${simulator.adminUrl}/_sim/liveness`)).tcpSessions;

  beforeAll(async () => {
    simulator = await startTestSimulator({ heartbeatIntervalMs: 2_000 });
  });
  afterAll(() => simulator.close());
  beforeEach(async () => {
    await putFaults(simulator, { failRate: 0 });
    await fetch(`${simulator.adminUrl}/_sim/records`, { method: 'DELETE' });
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
  });

  it('logs in once, sends a batch (accepted, then duplicate on re-send) and heartbeats on one session', async () => {
    const adapter = anAdapter();
    const batch = records('tcp-ok', 3);

    const first = await adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, batch);
    expect(first).toEqual(batch.map((r) => ({ serial: r.serial, status: 'accepted' })));
    const again = await adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, batch);
    expect(again).toEqual(batch.map((r) => ({ serial: r.serial, status: 'duplicate' })));
    await adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 7);

    expect(await stats()).toMatchObject({ accepted: 3, duplicates: 3, heartbeats: 1 });
    const received = await getJson<{ records: { via: string; enterpriseCode: string }[] }>(
      `${simulator.adminUrl}/_sim/records?enterpriseCode=${SAMPLE_ENTERPRISE_CODE}`,
    );
    expect(received.records).toHaveLength(3);
    expect(received.records.every((r) => r.via === 'tcp')).toBe(true);
    expect(await tcpSessions()).toEqual([
      expect.objectContaining({ enterpriseCode: SAMPLE_ENTERPRISE_CODE }),
    ]);
  });

  it('pipelines concurrent calls on one session, answers matched by seq', async () => {
    const adapter = anAdapter();
    const [a, b] = await Promise.all([
      adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records('tcp-pipe-a', 2)),
      adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records('tcp-pipe-b', 1)),
      adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 0),
    ]);
    expect(a.map((ack) => ack.serial)).toEqual(['tcp-pipe-a-0', 'tcp-pipe-a-1']);
    expect(b.map((ack) => ack.serial)).toEqual(['tcp-pipe-b-0']);
    expect(await tcpSessions()).toHaveLength(1);
  });

  it('gives the configuration error the HTTP adapter gives for a wrong secret, and leaves no socket open', async () => {
    const adapter = anAdapter({ secret: 'not-the-secret' });
    const error = await failureOf(adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records('tcp-bad', 1)));
    expect(error).toMatchObject({
      name: 'PlatformDeliveryError',
      kind: 'configuration',
      code: 'bad-signature',
    });
    expect((await stats()).accepted).toBe(0);
    await expect(adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 0)).rejects.toMatchObject({
      kind: 'configuration',
    });
    // The refused logins' connections are closed, not left for the platform's silence timeout.
    await expectSoon(async () => expect(await tcpSessions()).toEqual([]));
  });

  it('fails retriably while the platform is down and recovers once it is back', async () => {
    const adapter = anAdapter();
    await adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 0);

    await putFaults(simulator, { failRate: 0, down: true });
    // The open session is dropped by the platform; the next calls cannot connect.
    for (let i = 0; i < 2; i++) {
      const error = await failureOf(adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records('tcp-down', 2)));
      expect(error).toMatchObject({ kind: 'retriable' });
      // Refused, or (for the session the platform dropped) a write into the closing socket.
      expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'connection-closed']).toContain(error.code);
    }

    await putFaults(simulator, { failRate: 0 });
    const acks = await adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records('tcp-down', 2));
    expect(acks.map((ack) => ack.status)).toEqual(['accepted', 'accepted']);
    expect(await tcpSessions()).toHaveLength(1);
  });

  it.each(['reset', 'malformed-ack', '5xx', '429'] as const)(
    'turns an injected %s fault into a retriable error and reconnects on the next call',
    async (mode) => {
      const adapter = anAdapter();
      await adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 0);
      await putFaults(simulator, { failRate: 1, mode, retryAfterSeconds: 2 });

      const error = await failureOf(adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records(`tcp-${mode}`, 2)));
      expect(error).toMatchObject({ kind: 'retriable' });
      if (mode === '429') expect(error.retryAfterMs).toBe(2_000);

      await putFaults(simulator, { failRate: 0 });
      const acks = await adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records(`tcp-${mode}`, 2));
      // malformed-ack: the platform stored the batch before its answer broke, so the re-send is a duplicate.
      const expected = mode === 'malformed-ack' ? 'duplicate' : 'accepted';
      expect(acks.map((ack) => ack.status)).toEqual([expected, expected]);
      await expectSoon(async () => expect(await tcpSessions()).toHaveLength(1));
    },
  );

  it('keeps an idle session alive at the heartbeat interval the login ack announced', async () => {
    const quick = await startTestSimulator({ heartbeatIntervalMs: 150 });
    try {
      const adapter = anAdapter({ port: quick.tcpPort });
      await adapter.sendRecords(SAMPLE_ENTERPRISE_CODE, records('tcp-idle', 1));
      // Idle for over three intervals: the platform would have closed a silent connection.
      await expectEventually(
        async () =>
          expect((await getJson<SimStats>(`${quick.adminUrl}/_sim/stats`)).heartbeats).toBeGreaterThanOrEqual(
            4,
          ),
        { timeoutMs: 20_000 },
      );
      expect(await getJson<Liveness>(`${quick.adminUrl}/_sim/liveness`)).toMatchObject({
        tcpSessions: [expect.objectContaining({ enterpriseCode: SAMPLE_ENTERPRISE_CODE })],
      });
      await adapter.close();
    } finally {
      await quick.close();
    }
  });

  it('times out a silent platform as retriable', async () => {
    const adapter = anAdapter({ requestTimeoutMs: 2_000 });
    await adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 0);
    await putFaults(simulator, { failRate: 1, mode: 'timeout' });
    await expect(adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 0)).rejects.toMatchObject({
      kind: 'retriable',
      code: 'timeout',
    });
  });

  it('fails retriably when nothing listens', async () => {
    const adapter = anAdapter({ port: 1 });
    await expect(adapter.heartbeat(SAMPLE_ENTERPRISE_CODE, 0)).rejects.toMatchObject({
      kind: 'retriable',
      code: 'ECONNREFUSED',
    });
  });
});

const expectSoon = (assertion: () => Promise<void>) =>
  expectEventually(assertion, { timeoutMs: 20_000, intervalMs: 25 });
