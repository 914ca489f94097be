import { createHash, randomBytes } from 'node:crypto';
import { parse } from 'node:url';
import onvif from 'node-onvif';
import soap from 'node-onvif/lib/modules/soap.js';
import { OnvifDeviceSimulator } from './onvif-device-simulator';
import { type OnvifQuirk } from './onvif-quirks';

/*
 * The simulated camera checked by an independent client: node-onvif builds every request and its
 * WS-UsernameToken itself, so what passes here is what a third-party ONVIF client accepts, and the
 * refusals are the ones a real device gives. Raw `fetch` only reads status codes and headers the
 * package does not expose.
 */

const account = { username: 'admin', password: 'Conf-Pass-9' };
const NS = {
  device: 'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"',
  media: 'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"',
  schema: 'xmlns:tt="http://www.onvif.org/ver10/schema"',
  events: 'xmlns:tev="http://www.onvif.org/ver10/events/wsdl"',
  addressing: 'xmlns:wsa="http://www.w3.org/2005/08/addressing"',
};

const device = new OnvifDeviceSimulator({ account, maxPullWaitMs: 5_000 });
let base: string;
let xaddr: string;

beforeAll(async () => {
  base = await device.start();
  xaddr = `${base}/onvif/device_service`;
});
afterAll(() => device.stop());

const client = (pass = account.password, user = account.username) =>
  new onvif.OnvifDevice({ xaddr, user, pass });

/** A request exactly as node-onvif builds it (its own token, nonce and clock). */
const envelope = (body: string, xmlns: readonly string[], credentials = account, diff = 0) =>
  soap.createRequestSoap({ body, xmlns, diff, user: credentials.username, pass: credentials.password });

async function post(path: string, body: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
    body,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const INFO = '<tds:GetDeviceInformation/>';

describe('what node-onvif reads from the simulated device', () => {
  it('initialises: device information, capabilities, profiles, stream and snapshot URIs', async () => {
    const camera = client();
    const info = await camera.init();
    expect(info).toMatchObject({ Manufacturer: 'Ecogate Simulated', Model: 'SIM-ONVIF-1' });
    const [profile, ...others] = camera.getProfileList();
    expect(others).toEqual([]);
    expect(profile?.video.encoder).toMatchObject({
      encoding: 'H264',
      resolution: { width: 1920, height: 1080 },
    });
    expect(profile?.snapshot).toBe(`${base}/onvif/snapshot.jpg`);
    // One URI per requested transport, each on the device's own host.
    const { udp, rtsp, http } = profile?.stream ?? { udp: '', rtsp: '', http: '' };
    for (const uri of [udp, rtsp, http]) expect(new URL(uri).hostname).toBe('127.0.0.1');
    expect(new Set([udp, rtsp, http]).size).toBeGreaterThan(1);
  });

  it('lists its services with their capabilities, hostname and scopes', async () => {
    const { services } = client();
    const listed = await services.device.getServices({ IncludeCapability: true });
    for (const ns of ['device', 'media', 'events']) {
      expect(listed.soap).toContain(`http://www.onvif.org/ver10/${ns}/wsdl`);
      expect(listed.soap).toContain(`${base}/onvif/${ns}_service`);
    }
    expect(listed.soap).toContain('Capabilities');
    const capabilities = await services.device.getCapabilities();
    expect(capabilities.soap).toContain(`${base}/onvif/media_service`);
    expect(capabilities.soap).toContain('<tt:WSPullPointSupport>true</tt:WSPullPointSupport>');
    expect((await services.device.getHostname()).soap).toMatch(/<tt:Name>[^<]+<\/tt:Name>/);
    const scopes = (await services.device.getScopes()).soap;
    expect(scopes).toContain('onvif://www.onvif.org/Profile/Streaming');
    expect(scopes).toContain('onvif://www.onvif.org/hardware/SIM-ONVIF-1');
  });

  it('describes every video encoder configuration completely (Multicast and SessionTimeout are required)', async () => {
    const camera = client();
    await camera.init();
    const { soap: xml } = await camera.services.media.getProfiles();
    const encoder =
      /<tt:VideoEncoderConfiguration[\s\S]*<\/tt:VideoEncoderConfiguration>/.exec(xml)?.[0] ?? '';
    expect(encoder).toMatch(/<tt:Multicast><tt:Address>[\s\S]*<tt:Port>\d+<\/tt:Port><tt:TTL>\d+<\/tt:TTL>/);
    expect(encoder).toMatch(/<tt:SessionTimeout>PT\d+S<\/tt:SessionTimeout>/);
  });

  it('serves the snapshot behind HTTP digest, to one login after another', async () => {
    const camera = client();
    await camera.init();
    for (let i = 0; i < 2; i += 1) {
      const { body } = await camera.fetchSnapshot();
      expect(body.equals(device.snapshot)).toBe(true);
    }
  });

  it('announces the event topics it raises and delivers them through a pull point', async () => {
    const camera = client();
    await camera.init();
    const properties = await camera.services.events?.getEventProperties();
    for (const topic of ['DigitalInput', 'CellMotionDetector', 'GlobalSceneChange']) {
      expect(properties?.soap).toContain(topic);
    }
    const created = await soap.requestCommand(
      parse(`${base}/onvif/events_service`),
      'CreatePullPointSubscription',
      envelope(
        '<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT60S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>',
        [NS.events, NS.addressing],
      ),
    );
    const address = /<(?:\w+:)?Address>([^<]+)<\/(?:\w+:)?Address>/.exec(created.soap)?.[1] ?? '';
    expect(new URL(address).origin).toBe(base);
    device.trigger('digital-input');
    const pulled = await soap.requestCommand(
      parse(address),
      'PullMessages',
      envelope(
        '<tev:PullMessages><tev:Timeout>PT2S</tev:Timeout><tev:MessageLimit>5</tev:MessageLimit></tev:PullMessages>',
        [NS.events],
      ),
    );
    expect(pulled.soap).toContain('tns1:Device/Trigger/DigitalInput');
    expect(pulled.soap).toMatch(/Name="LogicalState" Value="true"/);
    await soap.requestCommand(
      parse(address),
      'Unsubscribe',
      envelope('<wsnt:Unsubscribe/>', ['xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"']),
    );
    await expect(
      soap.requestCommand(
        parse(address),
        'PullMessages',
        envelope(
          '<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>1</tev:MessageLimit></tev:PullMessages>',
          [NS.events],
        ),
      ),
    ).rejects.toThrow(/400/);
  });

  it('tells a client its own clock, which the client then signs with, however far off it is', async () => {
    const skew = 3 * 60 * 60_000;
    device.setClockSkew(skew);
    try {
      const camera = client();
      await camera.init();
      expect(Math.abs(camera.time_diff - skew)).toBeLessThan(2_000);
    } finally {
      device.setClockSkew(0);
    }
  });
});

describe('node-onvif against the quirk profiles of real models', () => {
  const quirky = async (
    quirk: OnvifQuirk,
    run: (xaddr: string, camera: OnvifDeviceSimulator) => Promise<void>,
  ) => {
    const camera = new OnvifDeviceSimulator({ account, quirks: [quirk] });
    try {
      await run(`${await camera.start()}/onvif/device_service`, camera);
    } finally {
      await camera.stop();
    }
  };

  it.each(['ws-security-only', 'clock-far-off'] as const)('%s: initialises and fetches a snapshot', (quirk) =>
    quirky(quirk, async (at, camera) => {
      const client = new onvif.OnvifDevice({ xaddr: at, user: account.username, pass: account.password });
      expect(await client.init()).toMatchObject({ Model: 'SIM-ONVIF-1' });
      expect((await client.fetchSnapshot()).body.equals(camera.snapshot)).toBe(true);
    }),
  );

  it('clock-far-off: the device reports its own clock (years behind) and node-onvif signs with it', () =>
    quirky('clock-far-off', async (at, camera) => {
      const client = new onvif.OnvifDevice({ xaddr: at, user: account.username, pass: account.password });
      await client.init();
      expect(camera.deviceNow.getUTCFullYear()).toBe(2000);
      expect(Math.abs(client.time_diff - (camera.deviceNow.getTime() - Date.now()))).toBeLessThan(2_000);
    }));

  it('http-digest-only: node-onvif, which logs in with WS-Security alone, is challenged for HTTP Digest', () =>
    quirky('http-digest-only', async (at) => {
      const client = new onvif.OnvifDevice({ xaddr: at, user: account.username, pass: account.password });
      await expect(client.services.device.getDeviceInformation()).rejects.toThrow(/^401/);
      const raw = await fetch(at, {
        method: 'POST',
        headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
        body: envelope(INFO, [NS.device]),
      });
      expect(raw.status).toBe(401);
      expect(raw.headers.get('www-authenticate')).toMatch(/^Digest /);
    }));
});

describe('what the simulated device refuses, as a real one does', () => {
  it('a wrong password: on a login call, and on a pre-login call that carries it; the clock is always told', async () => {
    const wrong = client('not-the-password');
    await expect(wrong.init()).rejects.toThrow(/NotAuthorized|400/);
    for (const body of [
      INFO,
      '<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>',
    ]) {
      const refused = await post(
        '/onvif/device_service',
        envelope(body, [NS.device], { ...account, password: 'x' }),
      );
      expect([refused.status, refused.text]).toEqual([400, expect.stringContaining('ter:NotAuthorized')]);
    }
    const clock = await post(
      '/onvif/device_service',
      envelope('<tds:GetSystemDateAndTime/>', [NS.device], { ...account, password: 'x' }),
    );
    expect(clock.status).toBe(200);
  });

  it('no credentials at all: an HTTP Digest challenge (401), as cameras and clients use on SOAP too', async () => {
    const anonymous = await post(
      '/onvif/device_service',
      envelope(INFO, [NS.device], { username: '', password: '' }),
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Digest realm="[^"]+", qop="auth", nonce="/);
    await expect(client('', '').services.device.getDeviceInformation()).rejects.toThrow(/401/);
  });

  it('a token without its Nonce, a token replayed, a token created too long ago', async () => {
    const noNonce = envelope(INFO, [NS.device]).replace(/<Nonce[^>]*>[^<]*<\/Nonce>/, '');
    expect(noNonce).not.toContain('Nonce');
    const replayed = envelope(INFO, [NS.device]);
    const stale = envelope(INFO, [NS.device], account, -10 * 60_000);
    expect((await post('/onvif/device_service', replayed)).status).toBe(200);
    for (const body of [noNonce, replayed, stale]) {
      const refused = await post('/onvif/device_service', body);
      expect([refused.status, refused.text]).toEqual([400, expect.stringContaining('ter:NotAuthorized')]);
    }
  });

  it('a SOAP 1.1 envelope: VersionMismatch', async () => {
    const soap11 = envelope(INFO, [NS.device]).replace(
      'http://www.w3.org/2003/05/soap-envelope',
      'http://schemas.xmlsoap.org/soap/envelope/',
    );
    const refused = await post('/onvif/device_service', soap11);
    expect(refused.status).toBe(500);
    expect(refused.text).toMatch(/VersionMismatch/);
  });

  it('an operation at another service’s address, or in another namespace', async () => {
    const atDevice = await post('/onvif/device_service', envelope('<trt:GetProfiles/>', [NS.media]));
    expect(atDevice.text).toMatch(/ter:ActionNotSupported/);
    expect(atDevice.status).toBeGreaterThanOrEqual(400);
    const wrongNamespace = await post('/onvif/media_service', envelope('<tds:GetProfiles/>', [NS.device]));
    expect(wrongNamespace.text).toMatch(/ter:ActionNotSupported/);
    expect(wrongNamespace.status).toBeGreaterThanOrEqual(400);
    await expect(client().services.device.getHostname()).resolves.toBeDefined();
  });

  it('an unknown profile token: ter:NoProfile, for node-onvif as for a raw request', async () => {
    const camera = client();
    await camera.init();
    const media = camera.services.media;
    await expect(media.getStreamUri({ ProfileToken: 'nope', Protocol: 'RTSP' })).rejects.toThrow(/400/);
    await expect(media.getSnapshotUri({ ProfileToken: 'nope' })).rejects.toThrow(/400/);
    const raw = await post(
      '/onvif/media_service',
      envelope('<trt:GetSnapshotUri><trt:ProfileToken>nope</trt:ProfileToken></trt:GetSnapshotUri>', [
        NS.media,
      ]),
    );
    expect([raw.status, raw.text]).toEqual([400, expect.stringContaining('ter:NoProfile')]);
  });

  it('snapshot digest: an Authorization replayed, a nonce it never gave', async () => {
    const path = '/onvif/snapshot.jpg';
    const challenge = (await fetch(`${base}${path}`)).headers.get('www-authenticate') ?? '';
    const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1] ?? '';
    const authorization = digestAuthorization(path, nonce, 1);
    const get = (value: string) => fetch(`${base}${path}`, { headers: { authorization: value } });
    expect((await get(authorization)).status).toBe(200);
    expect((await get(authorization)).status).toBe(401);
    expect((await get(digestAuthorization(path, nonce, 2))).status).toBe(200);
    expect((await get(digestAuthorization(path, randomBytes(16).toString('hex'), 1))).status).toBe(401);
  });
});

/** RFC 7616 (MD5, qop=auth) as a client answers a challenge. */
function digestAuthorization(uri: string, nonce: string, count: number): string {
  const md5 = (value: string) => createHash('md5').update(value).digest('hex');
  const realm = 'IP Camera';
  const nc = count.toString(16).padStart(8, '0');
  const cnonce = randomBytes(8).toString('hex');
  const ha1 = md5(`${account.username}:${realm}:${account.password}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5(`GET:${uri}`)}`);
  return (
    `Digest username="${account.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
    `algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`
  );
}
