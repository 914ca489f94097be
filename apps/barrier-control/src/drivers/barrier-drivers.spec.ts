import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Secret } from '@ecogate/config';
import { type LaneRef } from '@ecogate/contracts';
import { BarrierCommandError } from './barrier-driver';
import { DahuaStrobeDriver } from './dahua-strobe/dahua-strobe.driver';
import { HikvisionIsapiDriver } from './hikvision-isapi/hikvision-isapi.driver';
import { digestAuthorization, parseDigestChallenge } from './http/digest-fetch';
import { VzenithReplyDriver } from './vzenith-reply/vzenith-reply.driver';

const lane: LaneRef = { enterpriseId: 'ent-1', siteId: 's', gateId: 'g', laneId: 'lane-in', direction: 'in' };
const md5 = (v: string) => createHash('md5').update(v).digest('hex');

interface Seen {
  method: string;
  url: string;
  body: string;
  authorized: boolean;
}

/** A camera's HTTP API that insists on digest auth (user admin / pw secret) when `auth` is set. */
async function fakeDevice(
  answer: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void,
  auth = true,
): Promise<{ base: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const header = req.headers.authorization ?? '';
      const f = parseDigestChallenge(header) ?? {};
      const ha1 = md5(`admin:cam:secret`);
      const ha2 = md5(`${req.method}:${f['uri']}`);
      const expected = md5(`${ha1}:${f['nonce']}:${f['nc']}:${f['cnonce']}:${f['qop']}:${ha2}`);
      const authorized = !auth || (f['response'] === expected && f['uri'] === req.url);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString(),
        authorized,
      });
      if (!authorized) {
        res
          .writeHead(401, {
            'www-authenticate': 'Digest realm="cam", nonce="n0nce", qop="auth", opaque="op"',
          })
          .end();
        return;
      }
      answer(req, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections(); // requests a test left unanswered
      return new Promise((r) => s.close(r));
    }),
  );
});

describe('digest auth', () => {
  it('computes the RFC 7616 example response (qop=auth, MD5)', () => {
    const header = digestAuthorization(
      { realm: 'http-auth@example.org', nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', qop: 'auth' },
      { method: 'GET', uri: '/dir/index.html', username: 'Mufasa', password: 'Circle of Life' },
      'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    );
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
  });
});

describe('Hikvision ISAPI driver', () => {
  it('PUTs <BarrierGate><ctrlMode>open</ctrlMode></BarrierGate> to the channel, answering the digest challenge', async () => {
    const device = await fakeDevice((_req, res) =>
      res.writeHead(200).end('<ResponseStatus><statusCode>1</statusCode></ResponseStatus>'),
    );
    servers.push(device.server);
    await new HikvisionIsapiDriver().send(
      {
        driver: 'hikvision-isapi',
        baseUrl: device.base,
        channel: 2,
        username: 'admin',
        password: new Secret('secret'),
      },
      { lane, action: 'open' },
    );
    expect(device.seen.map((s) => [s.method, s.url, s.authorized])).toEqual([
      ['PUT', '/ISAPI/Parking/channels/2/barrierGate', false],
      ['PUT', '/ISAPI/Parking/channels/2/barrierGate', true],
    ]);
    expect(device.seen[1]!.body).toContain('<BarrierGate><ctrlMode>open</ctrlMode></BarrierGate>');
  });

  it.each([
    ['always-open', 'alwaysOpen'],
    ['close', 'close'],
  ] as const)('maps %s to ctrlMode %s', async (action, mode) => {
    const device = await fakeDevice(
      (_req, res) => res.writeHead(200).end('<ResponseStatus><statusCode>1</statusCode></ResponseStatus>'),
      false,
    );
    servers.push(device.server);
    await new HikvisionIsapiDriver().send(
      { driver: 'hikvision-isapi', baseUrl: device.base, channel: 1 },
      { lane, action },
    );
    expect(device.seen[0]!.body).toContain(`<ctrlMode>${mode}</ctrlMode>`);
  });

  it('fails with rejected on wrong credentials', async () => {
    const device = await fakeDevice(() => undefined);
    servers.push(device.server);
    const sending = new HikvisionIsapiDriver().send(
      {
        driver: 'hikvision-isapi',
        baseUrl: device.base,
        channel: 1,
        username: 'admin',
        password: new Secret('wrong'),
      },
      { lane, action: 'open' },
    );
    await expect(sending).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringContaining('HTTP 401'),
    });
  });

  it('fails with unreachable when nothing listens', async () => {
    const device = await fakeDevice(() => undefined);
    await new Promise((r) => device.server.close(r));
    await expect(
      new HikvisionIsapiDriver(500).send(
        { driver: 'hikvision-isapi', baseUrl: device.base, channel: 1 },
        { lane, action: 'open' },
      ),
    ).rejects.toBeInstanceOf(BarrierCommandError);
  });
});

describe('Dahua openStrobe driver', () => {
  const target = (base: string) =>
    ({
      driver: 'dahua-strobe',
      baseUrl: base,
      channel: 1,
      username: 'admin',
      password: new Secret('secret'),
    }) as const;

  it('GETs openStrobe with the plate, digest-authenticated', async () => {
    const device = await fakeDevice((_req, res) => res.writeHead(200).end('OK\r\n'));
    servers.push(device.server);
    await new DahuaStrobeDriver().send(target(device.base), { lane, action: 'open', plate: '冀A12345' });
    const url = new URL(device.seen[1]!.url, device.base);
    expect(url.pathname).toBe('/cgi-bin/trafficSnap.cgi');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: 'openStrobe',
      channel: '1',
      'info.openType': 'Normal',
      'info.plateNumber': '冀A12345',
    });
  });

  // The slow device never answers (rather than answering late), so only the client's timeout can end
  // the wait; the answers that do come get a timeout a loaded machine cannot miss.
  it('retries once, quickly, after a slow answer', async () => {
    let calls = 0;
    const device = await fakeDevice((_req, res) => {
      calls += 1;
      if (calls > 1) res.writeHead(200).end('OK');
    });
    servers.push(device.server);
    await new DahuaStrobeDriver({ timeoutMs: 1_000, retryDelayMs: 10 }).send(target(device.base), {
      lane,
      action: 'open',
    });
    expect(calls).toBe(2);
  });

  it('gives up after the retry with timeout', async () => {
    const device = await fakeDevice(() => undefined);
    servers.push(device.server);
    await expect(
      new DahuaStrobeDriver({ timeoutMs: 100, retryDelayMs: 10 }).send(target(device.base), {
        lane,
        action: 'open',
      }),
    ).rejects.toMatchObject({ code: 'timeout' });
  });

  it('cannot close a barrier', async () => {
    await expect(
      new DahuaStrobeDriver().send(target('http://127.0.0.1:1'), { lane, action: 'close' }),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describe('Vzenith reply driver', () => {
  it('records that the lane’s next camera reply opens, once, and forgets stale ones', async () => {
    let now = new Date('2024-12-01T00:00:00Z');
    const driver = new VzenithReplyDriver(10_000, () => now);
    await driver.send({ driver: 'vzenith-reply' }, { lane, action: 'open' });
    expect(driver.takeReply('ent-1', 'lane-in')).toMatchObject({ action: 'open' });
    expect(driver.takeReply('ent-1', 'lane-in')).toBeUndefined();
    await driver.send({ driver: 'vzenith-reply' }, { lane, action: 'open' });
    now = new Date(now.getTime() + 11_000);
    expect(driver.takeReply('ent-1', 'lane-in')).toBeUndefined();
  });
});
