import {
  aRecord,
  aRecordsRequest,
  encodeFrame,
  SAMPLE_ENTERPRISE_CODE,
  signFrame,
} from '@ecogate/platform-protocol';
import { expectEventually } from '@ecogate/testing';
import { type PlatformSimulator } from '../start-platform-simulator';
import {
  getJson,
  putFaults,
  startTestSimulator,
  TcpTestClient,
  TEST_APP,
} from '../testing/simulator-test-client';

// Long enough that no test here is dropped for silence on a busy machine; the drop test uses its own.
const HEARTBEAT_MS = 2_000;

describe('TCP platform', () => {
  let simulator: PlatformSimulator;
  let client: TcpTestClient;

  const login = async () => {
    const seq = client.send('login', { enterpriseCode: SAMPLE_ENTERPRISE_CODE });
    expect(await client.next()).toMatchObject({ type: 'ack', seq, code: 0 });
  };

  beforeAll(async () => {
    simulator = await startTestSimulator({ heartbeatIntervalMs: HEARTBEAT_MS, maxFrameBytes: 64 * 1024 });
  });
  afterAll(() => simulator.close());
  beforeEach(async () => {
    await fetch(`${simulator.adminUrl}/_sim/records`, { method: 'DELETE' });
    client = await TcpTestClient.connect(simulator.tcpPort, simulator.tcpHost);
  });
  afterEach(() => client.close());

  it('round-trips login, records and heartbeat with acks matched by seq', async () => {
    const loginSeq = client.send('login', { enterpriseCode: SAMPLE_ENTERPRISE_CODE });
    expect(await client.next()).toMatchObject({
      type: 'ack',
      seq: loginSeq,
      code: 0,
      heartbeatIntervalSeconds: HEARTBEAT_MS / 1000,
    });

    const batch = aRecordsRequest([aRecord('transport-passage').withSerial('T-1').build()]);
    const recordsSeq = client.send('records', batch);
    expect(await client.next()).toEqual({
      type: 'ack',
      seq: recordsSeq,
      code: 0,
      acks: [{ serial: 'T-1', status: 'accepted' }],
    });
    client.send('records', batch);
    expect((await client.next<{ acks: unknown[] }>()).acks).toEqual([{ serial: 'T-1', status: 'duplicate' }]);

    const heartbeatSeq = client.send('heartbeat', { enterpriseCode: SAMPLE_ENTERPRISE_CODE });
    expect(await client.next()).toMatchObject({ type: 'ack', seq: heartbeatSeq, code: 0 });

    const records = await getJson<{ records: { via: string }[] }>(`${simulator.adminUrl}/_sim/records`);
    expect(records.records).toEqual([expect.objectContaining({ via: 'tcp', appId: TEST_APP.appId })]);
    const liveness = await getJson<{ enterprises: unknown[]; tcpSessions: unknown[] }>(
      `${simulator.adminUrl}/_sim/liveness`,
    );
    expect(liveness.enterprises).toContainEqual(expect.objectContaining({ via: 'tcp', alive: true }));
    expect(liveness.tcpSessions).toContainEqual(
      expect.objectContaining({
        enterpriseCode: SAMPLE_ENTERPRISE_CODE,
        lastHeartbeatAt: expect.any(String),
      }),
    );
  });

  it('reads frames split into single bytes and several frames in one write', async () => {
    const frames = [
      signFrame({
        type: 'login',
        seq: 1,
        appId: TEST_APP.appId,
        secret: TEST_APP.secret,
        method: 'MD5',
        body: { enterpriseCode: SAMPLE_ENTERPRISE_CODE },
        nowMs: Date.now(),
      }),
      signFrame({
        type: 'heartbeat',
        seq: 2,
        appId: TEST_APP.appId,
        secret: TEST_APP.secret,
        method: 'MD5',
        body: { enterpriseCode: SAMPLE_ENTERPRISE_CODE },
        nowMs: Date.now(),
      }),
    ];
    const bytes = Buffer.concat(frames.map((frame) => encodeFrame(frame)));
    for (const byte of bytes.subarray(0, 20)) client.writeRaw(Buffer.from([byte]));
    client.writeRaw(bytes.subarray(20));
    expect(await client.next()).toMatchObject({ type: 'ack', seq: 1 });
    expect(await client.next()).toMatchObject({ type: 'ack', seq: 2 });
  });

  it('refuses records before login', async () => {
    const seq = client.send('records', aRecordsRequest([aRecord('vehicle').build()]));
    expect(await client.next()).toMatchObject({ type: 'error', seq, code: 4016, error: 'not-logged-in' });
  });

  it('answers an error frame with the seq for a bad signature, and keeps the session', async () => {
    const seq = client.send('login', { enterpriseCode: SAMPLE_ENTERPRISE_CODE }, { secret: 'wrong' });
    expect(await client.next()).toMatchObject({ type: 'error', seq, code: 4012, error: 'bad-signature' });
    await login();
  });

  it('refuses records for another enterprise than the session', async () => {
    await login();
    const seq = client.send(
      'records',
      aRecordsRequest([aRecord('vehicle').build()], '91130200699229617X002P'),
    );
    expect(await client.next()).toMatchObject({ type: 'error', seq, error: 'session-mismatch' });
  });

  it('answers a schema error naming the field', async () => {
    client.writeRaw(encodeFrame({ type: 'login', seq: 9 }));
    const error = await client.next<{ seq: number; message: string }>();
    expect(error).toMatchObject({ type: 'error', seq: 9, error: 'invalid-request' });
    expect(error.message).toContain('appId');
  });

  it('refuses an oversize frame from its header and closes the connection', async () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(64 * 1024 + 1, 0);
    client.writeRaw(header);
    expect(await client.next()).toMatchObject({ type: 'error', error: 'payload-too-large' });
    await client.closed;
  });

  it('drops a session that stops sending heartbeats for three intervals', async () => {
    const quick = await startTestSimulator({ heartbeatIntervalMs: 100 });
    try {
      const silent = await TcpTestClient.connect(quick.tcpPort, quick.tcpHost);
      silent.send('login', { enterpriseCode: SAMPLE_ENTERPRISE_CODE });
      expect(await silent.next()).toMatchObject({ type: 'ack', heartbeatIntervalSeconds: 0.1 });
      const started = Date.now();
      await silent.closed;
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      await quick.close();
    }
  });

  it('applies faults to frames too: 429 as an error frame with retryAfterSeconds', async () => {
    await login();
    await putFaults(simulator, { failRate: 1, mode: '429', retryAfterSeconds: 3 });
    try {
      const seq = client.send('heartbeat', { enterpriseCode: SAMPLE_ENTERPRISE_CODE });
      expect(await client.next()).toMatchObject({ type: 'error', seq, code: 4290, retryAfterSeconds: 3 });
    } finally {
      await putFaults(simulator, { failRate: 0 });
    }
  });

  it('closes open sessions when the platform goes down', async () => {
    await login();
    await putFaults(simulator, { down: true });
    try {
      await client.closed;
    } finally {
      await putFaults(simulator, { down: false });
    }
    await expectEventually(async () => {
      const again = await TcpTestClient.connect(simulator.tcpPort, simulator.tcpHost);
      await again.close();
    });
  });
});
