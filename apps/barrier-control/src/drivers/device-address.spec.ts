import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { DeviceNetworks, Secret } from '@ecogate/config';
import { type LaneRef } from '@ecogate/contracts';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';
import { type BarrierTarget } from './barrier-driver';
import { BarrierDrivers } from './barrier-drivers';
import { DahuaStrobeDriver } from './dahua-strobe/dahua-strobe.driver';
import { BarrierAddressRefused } from './device-address';
import { HikvisionIsapiDriver } from './hikvision-isapi/hikvision-isapi.driver';
import { OnvifRelayDriver } from './onvif-relay/onvif-relay.driver';

const lane: LaneRef = { enterpriseId: 'ent-1', siteId: 's', gateId: 'g', laneId: 'lane-a', direction: 'in' };
/** The site's allow-list in these tests: 127.0.0.1 only, so 127.0.0.2 is "another host". */
const onlyLocal = new DeviceNetworks(['127.0.0.1/32']);

interface Answer {
  status: number;
  headers?: Record<string, string>;
}

interface Recorder {
  readonly base: string;
  readonly seen: { url: string; authorization?: string }[];
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

/** An HTTP server on `host` that records every request and answers with `answer` (default 200 OK). */
async function recorder(
  host: string,
  answer: (req: IncomingMessage) => Answer = () => ({ status: 200 }),
): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    req.resume();
    const { status, headers } = answer(req);
    res.writeHead(status, headers).end(status === 200 ? 'OK' : '');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { base: `http://${host}:${(server.address() as AddressInfo).port}`, seen };
}

const device = (driver: 'hikvision-isapi' | 'dahua-strobe', baseUrl: string): BarrierTarget => ({
  driver,
  baseUrl,
  channel: 1,
  username: 'admin',
  password: new Secret('secret'),
});

const drivers = (networks: DeviceNetworks) =>
  new BarrierDrivers([
    new HikvisionIsapiDriver(1_000, networks),
    new DahuaStrobeDriver({ timeoutMs: 1_000, retryDelayMs: 10, networks }),
    new OnvifRelayDriver({ timeoutMs: 1_000, networks }),
  ]);

describe('barrier addresses outside DEVICE_ALLOWED_NETWORKS', () => {
  it.each(['hikvision-isapi', 'dahua-strobe', 'onvif-relay'] as const)(
    '%s sends nothing to 127.0.0.2 and fails refused',
    async (driver) => {
      const outside = await recorder('127.0.0.2');
      const target: BarrierTarget =
        driver === 'onvif-relay'
          ? { driver, baseUrl: outside.base, username: 'admin', password: new Secret('secret') }
          : device(driver, outside.base);
      const sending = drivers(onlyLocal).send(target, { lane, action: 'open' });
      await expect(sending).rejects.toBeInstanceOf(BarrierAddressRefused);
      await expect(sending).rejects.toMatchObject({ code: 'refused', refusal: 'network-not-allowed' });
      expect(outside.seen).toEqual([]);
    },
  );

  it('still reaches a device inside the list (127.0.0.1)', async () => {
    const inside = await recorder('127.0.0.1');
    await drivers(onlyLocal).send(device('dahua-strobe', inside.base), { lane, action: 'open' });
    expect(inside.seen).toHaveLength(1);
  });

  it('resolves a name and refuses it when an address it has is outside', async () => {
    await expect(
      drivers(new DeviceNetworks(['10.0.0.0/8'])).send(device('hikvision-isapi', 'http://localhost:9'), {
        lane,
        action: 'open',
      }),
    ).rejects.toMatchObject({ code: 'refused', refusal: 'network-not-allowed' });
  });

  it('refuses the lane at load: it keeps deciding, its barrier gets no request, log and metric say so', async () => {
    const outside = await recorder('127.0.0.2');
    const inside = await recorder('127.0.0.1');
    const barrier = (base: string) => ({ driver: 'hikvision-isapi', baseUrl: base, channel: 1 }) as const;
    const settings = new ConfigGateSettings({
      enterprises: [
        {
          enterpriseId: 'ent-1',
          cargoVolume: 'under-10',
          lanes: [
            { siteId: 's', gateId: 'g', laneId: 'lane-a', direction: 'in', barrier: barrier(outside.base) },
            { siteId: 's', gateId: 'g', laneId: 'lane-b', direction: 'out', barrier: barrier(inside.base) },
          ],
        },
      ],
    });
    const errors: string[] = [];
    const counted: string[] = [];
    const log = { error: (_fields: object, message: string) => errors.push(message), warn: () => undefined };
    const refused = await settings.refuseOutsideNetworks(onlyLocal, log as never, {
      refused: (driver, refusal, when) => counted.push(`${driver} ${refusal} ${when}`),
    });
    expect(refused).toEqual(['ent-1/lane-a']);
    expect(errors).toEqual([expect.stringContaining('lane lane-a decides, its barrier is unavailable')]);
    expect(counted).toEqual(['hikvision-isapi network-not-allowed load']);

    const laneA = await settings.laneContext('ent-1', 'lane-a');
    expect(laneA?.lane.barrier).toMatchObject({ driver: 'hikvision-isapi', refused: expect.any(String) });
    // Even with networks that would allow it now, a lane refused at load stays refused.
    await expect(
      drivers(DeviceNetworks.defaults).send(laneA!.lane.barrier, { lane, action: 'open' }),
    ).rejects.toMatchObject({ code: 'refused' });
    const laneB = await settings.laneContext('ent-1', 'lane-b');
    await drivers(onlyLocal).send(laneB!.lane.barrier, {
      lane: { ...lane, laneId: 'lane-b' },
      action: 'open',
    });
    expect(outside.seen).toEqual([]);
    expect(inside.seen).toHaveLength(1);
  });

  it('allows loopback and RFC 1918 by default, never link-local or public addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.64'])
      expect(DeviceNetworks.defaults.allows(ip)).toBe(true);
    for (const ip of ['169.254.169.254', '8.8.8.8']) expect(DeviceNetworks.defaults.allows(ip)).toBe(false);
  });
});

describe('redirects from a barrier device', () => {
  /** A device on 127.0.0.1 that asks for digest auth, then redirects the authenticated request to 127.0.0.2. */
  async function redirectingDevice(status: number, to: string): Promise<Recorder> {
    return recorder('127.0.0.1', (req): Answer =>
      req.headers.authorization
        ? { status, headers: { location: `${to}${req.url ?? '/'}` } }
        : { status: 401, headers: { 'www-authenticate': 'Digest realm="cam", nonce="n", qop="auth"' } },
    );
  }

  it.each([
    ['hikvision-isapi', 307],
    ['hikvision-isapi', 302],
    ['dahua-strobe', 301],
    ['dahua-strobe', 303],
  ] as const)(
    '%s does not follow HTTP %s to 127.0.0.2, and sends its login nowhere else',
    async (driver, status) => {
      const elsewhere = await recorder('127.0.0.2');
      const redirecting = await redirectingDevice(status, elsewhere.base);
      // Default networks: 127.0.0.2 is allowed, so only the redirect rule keeps the request away.
      const sending = drivers(DeviceNetworks.defaults).send(device(driver, redirecting.base), {
        lane,
        action: 'open',
      });
      await expect(sending).rejects.toBeInstanceOf(BarrierAddressRefused);
      await expect(sending).rejects.toMatchObject({ code: 'refused', refusal: 'redirect' });
      expect(elsewhere.seen).toEqual([]);
      // The challenge and the authenticated request, no retry of a refused redirect.
      expect(redirecting.seen.map((s) => s.authorization !== undefined)).toEqual([false, true]);
    },
  );
});
