import { DeviceNetworks } from '@ecogate/config';
import { OnvifDeviceSimulator } from '@ecogate/camera-simulator';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { assertSameHost, DeviceAddressRefused } from './device-address';
import { OnvifClient } from './onvif-client';

const account = { username: 'admin', password: 'Onvif-Foreign-1' };

/** Another host (127.0.0.2 is loopback too, so reachable here) that records every request it gets. */
class RecordingServer {
  readonly received: { url: string; headers: IncomingHttpHeaders }[] = [];
  private readonly server: Server = createServer((req, res) => {
    this.received.push({ url: req.url ?? '', headers: req.headers });
    // Asks for a login, as a trap would, so a client that sends credentials here would be seen.
    res.writeHead(401, { 'www-authenticate': 'Digest realm="trap", nonce="abc", qop="auth"' }).end();
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.2', resolve));
    return `http://127.0.0.2:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('device addresses and URIs a device reports (SSRF)', () => {
  const foreign = new RecordingServer();
  let foreignBase: string;
  const devices: OnvifDeviceSimulator[] = [];

  beforeAll(async () => {
    foreignBase = await foreign.start();
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await foreign.stop();
  });

  const startDevice = async (options: ConstructorParameters<typeof OnvifDeviceSimulator>[0]) => {
    const device = new OnvifDeviceSimulator({ account, ...options });
    devices.push(device);
    return device.start();
  };
  const connect = (url: string, networks?: DeviceNetworks) =>
    OnvifClient.connect({ url, ...account, timeoutMs: 5_000, ...(networks ? { networks } : {}) });

  it('refuses a foreign snapshot URI: nothing, and no credentials, reach the other host', async () => {
    const url = await startDevice({ snapshotUri: `${foreignBase}/onvif/snapshot.jpg` });
    const client = await connect(url);
    await expect(client.snapshotUri()).rejects.toMatchObject({ refusal: 'foreign-host', code: 'protocol' });
    await expect(client.snapshot()).rejects.toBeInstanceOf(DeviceAddressRefused);
    await expect(client.snapshot({ uri: `${foreignBase}/x.jpg` })).rejects.toBeInstanceOf(
      DeviceAddressRefused,
    );
    expect(foreign.received).toEqual([]);
  });

  it('refuses a foreign stream URI (the media API hands it to recorders)', async () => {
    const url = await startDevice({ rtspUri: 'rtsp://127.0.0.2:554/main' });
    await expect((await connect(url)).streamUri()).rejects.toMatchObject({ refusal: 'foreign-host' });
  });

  it('takes URIs on the device host, another port included', async () => {
    const url = await startDevice({ rtspUri: 'rtsp://127.0.0.1:554/main' });
    const client = await connect(url);
    expect(await client.streamUri()).toBe('rtsp://127.0.0.1:554/main');
    expect((await client.snapshot()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('never follows a snapshot redirect to another host, so the login stays with the device', async () => {
    const url = await startDevice({ snapshotRedirect: `${foreignBase}/stolen.jpg` });
    const client = await connect(url);
    await expect(client.snapshot()).rejects.toMatchObject({ refusal: 'redirect' });
    expect(foreign.received).toEqual([]);
  });

  it('refuses a device address outside the allowed networks before sending anything', async () => {
    const url = await startDevice({});
    await expect(connect(url, new DeviceNetworks(['10.0.0.0/8']))).rejects.toMatchObject({
      refusal: 'network-not-allowed',
    });
    await expect(connect('http://169.254.169.254/')).rejects.toMatchObject({
      refusal: 'network-not-allowed',
    });
    // A name is resolved: localhost is loopback, allowed by default.
    const port = new URL(url).port;
    await expect(connect(`http://localhost:${port}`)).resolves.toBeInstanceOf(OnvifClient);
  });

  it('compares hosts, not ports or letter case', () => {
    const registered = new URL('http://Camera-1.plant:80/');
    expect(assertSameHost(registered, 'rtsp://camera-1.plant:554/a', 'x').port).toBe('554');
    expect(() => assertSameHost(registered, 'rtsp://camera-2.plant/a', 'x')).toThrow(DeviceAddressRefused);
    expect(() => assertSameHost(new URL('http://[::1]:8080'), 'http://[::1]/s.jpg', 'x')).not.toThrow();
  });
});
