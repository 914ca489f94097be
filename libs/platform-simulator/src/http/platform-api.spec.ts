import {
  aRecord,
  aRecordsRequest,
  SAMPLE_ENTERPRISE_CODE,
  type SignMethod,
} from '@ecogate/platform-protocol';
import { type PlatformSimulator } from '../start-platform-simulator';
import {
  answerOf,
  getJson,
  postSigned,
  startTestSimulator,
  TEST_APP,
} from '../testing/simulator-test-client';

const OTHER_ENTERPRISE = '91130200699229617X002P';

describe('platform HTTP API', () => {
  let simulator: PlatformSimulator;
  let recordsUrl: string;

  const stored = () => getJson<{ count: number }>(`${simulator.adminUrl}/_sim/records`).then((r) => r.count);
  const stats = () => getJson<Record<string, number>>(`${simulator.adminUrl}/_sim/stats`);

  beforeAll(async () => {
    simulator = await startTestSimulator({ maxBodyBytes: 512 * 1024 });
    recordsUrl = `${simulator.httpUrl}/api/v1/records`;
  });
  afterAll(() => simulator.close());
  beforeEach(async () => {
    await fetch(`${simulator.adminUrl}/_sim/records`, { method: 'DELETE' });
  });

  describe('records', () => {
    it('accepts a valid batch of every kind and lists it in arrival order per enterprise', async () => {
      const batch = aRecordsRequest([
        aRecord('transport-passage').withSerial('P-1').build(),
        aRecord('vehicle').withSerial('V-1').build(),
        aRecord('nrmm').withSerial('N-1').build(),
      ]);
      const response = await postSigned(recordsUrl, batch);
      expect(response.status).toBe(200);
      expect(await answerOf(response)).toEqual({
        code: 0,
        acks: [
          { serial: 'P-1', status: 'accepted' },
          { serial: 'V-1', status: 'accepted' },
          { serial: 'N-1', status: 'accepted' },
        ],
      });
      await postSigned(
        recordsUrl,
        aRecordsRequest([aRecord('vehicle').withSerial('X-1').build()], OTHER_ENTERPRISE),
      );

      const listed = await getJson<{ records: { record: { serial: string }; appId: string; via: string }[] }>(
        `${simulator.adminUrl}/_sim/records?enterpriseCode=${SAMPLE_ENTERPRISE_CODE}`,
      );
      expect(listed.records.map((r) => r.record.serial)).toEqual(['P-1', 'V-1', 'N-1']);
      expect(listed.records[0]).toMatchObject({ appId: TEST_APP.appId, via: 'http' });
      expect(await stored()).toBe(4);
    });

    it.each(['HMAC-SHA256', 'MD5', 'SM3'] as SignMethod[])(
      'accepts requests signed with %s',
      async (method) => {
        const response = await postSigned(recordsUrl, aRecordsRequest([aRecord('vehicle').build()]), {
          method,
        });
        expect(response.status).toBe(200);
      },
    );

    it('answers duplicate for a re-sent serial and never counts it twice', async () => {
      const batch = aRecordsRequest([aRecord('transport-passage').withSerial('DUP-1').build()]);
      await postSigned(recordsUrl, batch);
      const again = await postSigned(recordsUrl, batch);
      expect(await answerOf(again)).toEqual({ code: 0, acks: [{ serial: 'DUP-1', status: 'duplicate' }] });
      expect(await stored()).toBe(1);
      expect(await stats()).toMatchObject({ accepted: 1, duplicates: 1 });
    });

    it('rejects a bad record alone, naming the field, and accepts the rest of the batch', async () => {
      const batch = aRecordsRequest([
        aRecord('transport-passage').withSerial('OK-1').build(),
        aRecord('transport-passage').withSerial('BAD-1').withPayload({ stage: '9' }).build(),
      ]);
      const body = await answerOf(await postSigned(recordsUrl, batch));
      expect(body.acks).toEqual([
        { serial: 'OK-1', status: 'accepted' },
        {
          serial: 'BAD-1',
          status: 'rejected',
          reason: 'records[1].payload.stage: must be one of 0-6 or D (electric)',
        },
      ]);
      expect(await stats()).toMatchObject({ accepted: 1, rejected: 1 });
    });

    it('answers 400 naming the field for a broken envelope, and stores nothing', async () => {
      const response = await postSigned(
        recordsUrl,
        aRecordsRequest([aRecord('vehicle').build()], 'not-a-code'),
      );
      expect(response.status).toBe(400);
      expect(await answerOf(response)).toMatchObject({
        code: 4000,
        error: 'invalid-request',
        message: expect.stringMatching(/^enterpriseCode: must be an HJ 608/),
      });
      expect(await stored()).toBe(0);
    });

    it('answers 400 for a batch over 100 records', async () => {
      const records = Array.from({ length: 101 }, () => aRecord('vehicle').build());
      const response = await postSigned(recordsUrl, aRecordsRequest(records));
      expect(response.status).toBe(400);
      expect((await answerOf(response)).message).toBe('records: must hold at most 100 records');
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await postSigned(recordsUrl, '{"enterpriseCode":');
      expect(response.status).toBe(400);
      expect((await answerOf(response)).message).toMatch(/^body is not valid JSON/);
    });

    it('answers 413 for a body over the limit', async () => {
      const response = await postSigned(recordsUrl, JSON.stringify({ pad: 'x'.repeat(600 * 1024) }));
      expect(response.status).toBe(413);
      expect(await answerOf(response)).toMatchObject({ error: 'payload-too-large' });
    });
  });

  describe('authentication', () => {
    const batch = () => aRecordsRequest([aRecord('vehicle').build()]);

    it('answers 401 bad-signature for a wrong secret, showing the canonical string, and stores nothing', async () => {
      const response = await postSigned(recordsUrl, batch(), { secret: 'wrong-secret' });
      expect(response.status).toBe(401);
      const body = await answerOf(response);
      expect(body).toMatchObject({ code: 4012, error: 'bad-signature' });
      expect(body.message).toMatch(
        /X-Signature does not match: expected HMAC-SHA256 over "appId=gate-app&nonce=/,
      );
      expect(body.message).not.toContain(TEST_APP.secret);
      expect(await stored()).toBe(0);
      expect((await stats()).unauthorized).toBe(1);
    });

    it('answers 401 unknown-app for an app that is not registered', async () => {
      const response = await postSigned(recordsUrl, batch(), { appId: 'stranger' });
      expect(response.status).toBe(401);
      expect(await answerOf(response)).toMatchObject({ code: 4011, error: 'unknown-app' });
    });

    it('answers 401 naming a missing header', async () => {
      const response = await fetch(recordsUrl, { method: 'POST', body: JSON.stringify(batch()) });
      expect(response.status).toBe(401);
      expect(await answerOf(response)).toMatchObject({
        error: 'invalid-credentials',
        message: 'X-App-Id is missing',
      });
    });

    it('answers 401 for an unknown sign method', async () => {
      const text = JSON.stringify(batch());
      const response = await fetch(recordsUrl, {
        method: 'POST',
        body: text,
        headers: {
          'x-app-id': TEST_APP.appId,
          'x-timestamp': String(Date.now()),
          'x-nonce': 'abcdefgh12345678',
          'x-sign-method': 'SHA1',
          'x-signature': 'a'.repeat(40),
        },
      });
      expect(await answerOf(response)).toMatchObject({ code: 4015, error: 'unsupported-sign-method' });
    });

    it.each([
      ['behind', -301_000],
      ['ahead of', 301_000],
    ])('answers 401 stale-timestamp for a timestamp 301 s %s the clock', async (word, offset) => {
      const response = await postSigned(recordsUrl, batch(), { nowMs: Date.now() + offset });
      expect(response.status).toBe(401);
      const body = await answerOf(response);
      expect(body).toMatchObject({ code: 4013, error: 'stale-timestamp' });
      expect(body.message).toContain(`${word} the platform clock`);
    });

    it('answers 401 replayed-nonce when a nonce is reused within the window', async () => {
      const nonce = 'replay-nonce-0001';
      expect((await postSigned(recordsUrl, batch(), { nonce })).status).toBe(200);
      const replay = await postSigned(recordsUrl, batch(), { nonce });
      expect(replay.status).toBe(401);
      expect(await answerOf(replay)).toMatchObject({ code: 4014, error: 'replayed-nonce' });
      expect(await stored()).toBe(1);
    });
  });

  describe('heartbeat', () => {
    it('acknowledges a signed heartbeat and marks the enterprise alive', async () => {
      const before = Date.now();
      const response = await postSigned(`${simulator.httpUrl}/api/v1/heartbeat`, {
        enterpriseCode: SAMPLE_ENTERPRISE_CODE,
        pending: 3,
      });
      expect(response.status).toBe(200);
      const body = await answerOf(response);
      expect(body).toMatchObject({ code: 0, heartbeatIntervalSeconds: 30 });
      expect(body.serverTime).toBeGreaterThanOrEqual(before);
      const liveness = await getJson<{ enterprises: unknown[] }>(`${simulator.adminUrl}/_sim/liveness`);
      expect(liveness.enterprises).toEqual([
        expect.objectContaining({ enterpriseCode: SAMPLE_ENTERPRISE_CODE, via: 'http', alive: true }),
      ]);
    });

    it('refuses an unsigned heartbeat', async () => {
      const response = await fetch(`${simulator.httpUrl}/api/v1/heartbeat`, {
        method: 'POST',
        body: JSON.stringify({ enterpriseCode: SAMPLE_ENTERPRISE_CODE }),
      });
      expect(response.status).toBe(401);
    });
  });

  describe('control API', () => {
    it('validates the fault settings, naming the field', async () => {
      const response = await fetch(`${simulator.adminUrl}/_sim/faults`, {
        method: 'PUT',
        body: JSON.stringify({ failRate: 0.5 }),
      });
      expect(response.status).toBe(400);
      expect((await answerOf(response)).message).toBe('mode: is required when failRate > 0');
    });

    it('serves only /_sim on the control port', async () => {
      const response = await fetch(`${simulator.adminUrl}/api/v1/records`, { method: 'POST' });
      expect(response.status).toBe(404);
    });

    it('resets records, serials and counters on DELETE /_sim/records', async () => {
      const batch = aRecordsRequest([aRecord('vehicle').withSerial('RESET-1').build()]);
      await postSigned(recordsUrl, batch);
      expect((await fetch(`${simulator.adminUrl}/_sim/records`, { method: 'DELETE' })).status).toBe(204);
      expect(await stored()).toBe(0);
      expect((await stats()).accepted).toBe(0);
      const again = await answerOf(await postSigned(recordsUrl, batch));
      expect(again.acks[0]!.status).toBe('accepted');
    });
  });
});
