import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { DahuaEventStreamSimulator } from './dahua-event-stream';
import { dahuaHeartbeatPart, dahuaStreamEventParts } from './dahua-event-stream-format';
import { DAHUA_GOLDEN_EVENTS, DAHUA_GOLDEN_FILE, dahuaEventStreamGolden } from './dahua-event-stream-golden';

const account = { username: 'admin', password: 'Dahua-Sim-1' };
const ATTACH = '/cgi-bin/eventManager.cgi?action=attach&codes=[TrafficJunction,TrafficGate]';
const md5 = (value: string) => createHash('md5').update(value).digest('hex');

/** A digest answer to the challenge, computed here by the RFC 7616 rules (an independent client). */
function digest(challenge: string, uri: string, login = account): string {
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
  const cnonce = randomBytes(8).toString('hex');
  const ha1 = md5(`${login.username}:${field('realm')}:${login.password}`);
  const response = md5(`${ha1}:${field('nonce')}:00000001:${cnonce}:auth:${md5(`GET:${uri}`)}`);
  return `Digest username="${login.username}", realm="${field('realm')}", nonce="${field('nonce')}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="${cnonce}"`;
}

function get(base: string, path: string, authorization?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: authorization ? { authorization } : {} }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Attaches with the digest dance; the open response. */
async function attach(base: string, path: string, login = account): Promise<IncomingMessage> {
  const first = await get(base, path);
  first.resume();
  expect(first.statusCode).toBe(401);
  return get(base, path, digest(String(first.headers['www-authenticate']), path, login));
}

/** Reads the stream until `until` holds for what arrived. */
function collect(res: IncomingMessage, until: (bytes: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let bytes = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      if (until(bytes)) {
        res.off('data', onData);
        resolve(bytes);
      }
    };
    res.on('data', onData);
    res.on('error', reject);
  });
}

const count = (bytes: Buffer, needle: string) => bytes.toString('latin1').split(needle).length - 1;

describe('DahuaEventStreamSimulator', () => {
  const camera = new DahuaEventStreamSimulator({ account });
  let base: string;
  beforeAll(async () => {
    base = await camera.start();
  });
  afterAll(() => camera.stop());
  afterEach(() => camera.cutConnections());

  it('writes exactly the golden capture for the golden script', async () => {
    // A heartbeat interval no test waits for: the only heartbeat is the scripted one.
    const res = await attach(base, `${ATTACH}&heartbeat=3600`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('multipart/x-mixed-replace; boundary=myboundary');
    // As a camera: neither a length nor chunked coding, the stream lasts as long as the connection.
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBeUndefined();
    const [first, second] = DAHUA_GOLDEN_EVENTS;
    const expectedLength =
      dahuaStreamEventParts(first!).length +
      dahuaHeartbeatPart().length +
      dahuaStreamEventParts(second!).length;
    const received = collect(res, (bytes) => bytes.length >= expectedLength);
    expect(await camera.emit(first!)).toBe(1);
    await camera.heartbeatNow();
    expect(await camera.emit(second!)).toBe(1);
    const bytes = await received;
    // DAHUA_GOLDEN_UPDATE=1 rewrites the file after a deliberate change of the wire format.
    if (process.env['DAHUA_GOLDEN_UPDATE'] === '1') writeFileSync(DAHUA_GOLDEN_FILE, bytes);
    expect(bytes.equals(dahuaEventStreamGolden().bytes)).toBe(true);
  });

  it('challenges with HTTP Digest (qop=auth) and refuses a wrong password', async () => {
    const open = await get(base, ATTACH);
    open.resume();
    expect(open.statusCode).toBe(401);
    expect(open.headers['www-authenticate']).toMatch(/^Digest realm="[^"]+", qop="auth", nonce="[0-9a-f]+"/);
    const refused = await attach(base, ATTACH, { ...account, password: 'wrong' });
    refused.resume();
    expect(refused.statusCode).toBe(401);
    expect(camera.refusedLogins).toBe(1);
    // A digest computed for another URI does not open this one.
    const challenge = String((await get(base, ATTACH)).headers['www-authenticate']);
    const other = await get(base, ATTACH, digest(challenge, `${ATTACH}&heartbeat=5`));
    other.resume();
    expect(other.statusCode).toBe(401);
  });

  it('refuses what is not an attach of known shape', async () => {
    const status = async (path: string) => {
      const res = await attach(base, path);
      res.resume();
      return res.statusCode;
    };
    expect(await status('/cgi-bin/eventManager.cgi?action=getEventIndexes&code=AlarmLocal')).toBe(400);
    expect(await status('/cgi-bin/eventManager.cgi?action=attach')).toBe(400);
    expect(await status('/cgi-bin/eventManager.cgi?action=attach&codes=TrafficJunction')).toBe(400);
    expect(await status(`${ATTACH}&heartbeat=soon`)).toBe(400);
    const notFound = await get(base, '/cgi-bin/snapManager.cgi?action=attachFileProc');
    notFound.resume();
    expect(notFound.statusCode).toBe(404);
  });

  it('sends only the requested codes', async () => {
    const gateOnly = await attach(base, '/cgi-bin/eventManager.cgi?action=attach&codes=[TrafficGate]');
    const all = await attach(base, '/cgi-bin/eventManager.cgi?action=attach&codes=[All]');
    const [junction, gate] = DAHUA_GOLDEN_EVENTS;
    const gateBytes = collect(gateOnly, (b) => b.length >= dahuaStreamEventParts(gate!).length);
    const allBytes = collect(
      all,
      (b) => b.length >= dahuaStreamEventParts(junction!).length + dahuaStreamEventParts(gate!).length,
    );
    expect(await camera.emit(junction!)).toBe(1);
    expect(await camera.emit(gate!)).toBe(2);
    expect((await gateBytes).equals(dahuaStreamEventParts(gate!))).toBe(true);
    expect(count(await allBytes, 'Code=')).toBe(2);
    expect(camera.attaches.slice(-2).map((a) => a.codes)).toEqual([['TrafficGate'], ['All']]);
  });

  it('sends heartbeats at the requested interval until the stream hangs', async () => {
    const res = await attach(base, `${ATTACH}&heartbeat=0.05`);
    const bytes = await collect(res, (b) => count(b, 'Heartbeat') >= 3);
    expect(bytes.toString('latin1')).toContain(
      'Content-Type: text/plain\r\nContent-Length: 9\r\n\r\nHeartbeat',
    );
    camera.hang();
    let after = 0;
    res.on('data', (chunk: Buffer) => (after += chunk.length));
    expect(await camera.emit(DAHUA_GOLDEN_EVENTS[0]!)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(after).toBe(0);
    // Still open: a hung stream is not a closed one.
    expect(res.destroyed).toBe(false);
    expect(camera.attachedCount).toBe(1);
  });

  it('cuts connections, goes offline and comes back', async () => {
    const res = await attach(base, ATTACH);
    res.on('error', () => undefined).resume();
    const closed = new Promise((resolve) => res.on('close', resolve));
    camera.cutConnections();
    await closed;
    camera.goOffline(60);
    await expect(get(base, ATTACH)).rejects.toThrow(/ECONNRESET|socket hang up/);
    camera.comeBack();
    const again = await attach(base, ATTACH);
    expect(again.statusCode).toBe(200);
  });

  it('writes in small delayed pieces when slowed, bytes unchanged', async () => {
    const res = await attach(base, ATTACH);
    const event = DAHUA_GOLDEN_EVENTS[0]!;
    const expected = dahuaStreamEventParts(event);
    let chunks = 0;
    res.on('data', () => (chunks += 1));
    const bytes = collect(res, (b) => b.length >= expected.length);
    camera.slowWrites({ chunkBytes: 64, delayMs: 1 });
    await camera.emit(event);
    camera.slowWrites(undefined);
    expect((await bytes).equals(expected)).toBe(true);
    expect(chunks).toBeGreaterThan(expected.length / 64 / 2);
  });
});

describe('DahuaEventStreamSimulator replaying on attach', () => {
  it('sends the last event again to a new attach', async () => {
    const camera = new DahuaEventStreamSimulator({ account, replayLastOnAttach: true });
    const base = await camera.start();
    try {
      const event = DAHUA_GOLDEN_EVENTS[0]!;
      const first = await attach(base, ATTACH);
      const firstBytes = collect(first, (b) => b.length >= dahuaStreamEventParts(event).length);
      await camera.emit(event);
      await firstBytes;
      camera.cutConnections();
      const second = await attach(base, ATTACH);
      const replayed = await collect(second, (b) => b.length >= dahuaStreamEventParts(event).length);
      expect(replayed.equals(dahuaStreamEventParts(event))).toBe(true);
      expect(camera.replayed).toBe(1);
    } finally {
      await camera.stop();
    }
  });
});
