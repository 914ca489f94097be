import { createHash, randomBytes } from 'node:crypto';
import { OnvifDeviceSimulator } from './onvif-device-simulator';
import { parseDuration } from './soap-envelope';

const account = { username: 'admin', password: 'Sim-Pass-1' };
const PASSWORD_DIGEST =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

/** A UsernameToken as a client builds it: Base64(SHA-1(nonce + created + password)). */
function securityHeader(password: string, created: Date): string {
  const nonce = randomBytes(16);
  const stamp = created.toISOString();
  const digest = createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(stamp), Buffer.from(password)]))
    .digest('base64');
  return (
    `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">` +
    `<wsse:UsernameToken><wsse:Username>${account.username}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_DIGEST}">${digest}</wsse:Password>` +
    `<wsse:Nonce>${nonce.toString('base64')}</wsse:Nonce><wsu:Created xmlns:wsu="u">${stamp}</wsu:Created>` +
    `</wsse:UsernameToken></wsse:Security>`
  );
}

const envelope = (body: string, header = '') =>
  `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;

describe('OnvifDeviceSimulator SOAP handling', () => {
  const device = new OnvifDeviceSimulator({ account, maxPullWaitMs: 200 });
  let base: string;
  beforeAll(async () => {
    base = await device.start();
  });
  afterAll(() => device.stop());

  const post = async (path: string, body: string) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml' },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
  const signed = (body: string, password = account.password, created = device.deviceNow) =>
    envelope(body, securityHeader(password, created));

  it('answers GetSystemDateAndTime without a login, in the skewed device clock', async () => {
    device.setClockSkew(90_000);
    try {
      const { status, text } = await post(
        '/onvif/device_service',
        envelope('<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>'),
      );
      expect(status).toBe(200);
      const field = (name: string) => Number(new RegExp(`<tt:${name}>(\\d+)</tt:${name}>`).exec(text)?.[1]);
      const reported = Date.UTC(
        field('Year'),
        field('Month') - 1,
        field('Day'),
        field('Hour'),
        field('Minute'),
        field('Second'),
      );
      expect(Math.abs(reported - (Date.now() + 90_000))).toBeLessThan(3_000);
    } finally {
      device.setClockSkew(0);
    }
  });

  it('verifies the UsernameToken digest: none, a wrong password or a stale Created is ter:NotAuthorized (400)', async () => {
    const info = '<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>';
    const ok = await post('/onvif/device_service', signed(info));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<tds:Model>SIM-ONVIF-1</tds:Model>');
    for (const body of [
      envelope(info),
      signed(info, 'wrong'),
      signed(info, account.password, new Date(Date.now() - 10 * 60_000)),
    ]) {
      const refused = await post('/onvif/device_service', body);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('ter:NotAuthorized');
    }
  });

  it('refuses a DOCTYPE and unknown operations', async () => {
    const doctype = await post('/onvif/device_service', `<!DOCTYPE x [<!ENTITY a "b">]>${envelope('<X/>')}`);
    expect(doctype.status).toBe(400);
    const unknown = await post('/onvif/device_service', signed('<Reboot xmlns="urn:x"/>'));
    expect([unknown.status, unknown.text.includes('ter:ActionNotSupported')]).toEqual([500, true]);
  });

  it('records SetRelayOutputState and rejects an unknown relay', async () => {
    const set = (token: string, state: string) =>
      post(
        '/onvif/device_service',
        signed(
          `<SetRelayOutputState xmlns="http://www.onvif.org/ver10/device/wsdl"><RelayOutputToken>${token}</RelayOutputToken>` +
            `<LogicalState>${state}</LogicalState></SetRelayOutputState>`,
        ),
      );
    expect((await set('RelayOutput_0', 'active')).status).toBe(200);
    expect((await set('RelayOutput_9', 'active')).status).toBe(400);
    expect((await set('RelayOutput_0', 'open')).status).toBe(400);
    expect(device.relayCommands.map((c) => [c.token, c.state])).toEqual([['RelayOutput_0', 'active']]);
  });

  it('queues triggers on a pull point, answers an empty pull after the wait, forgets unknown subscriptions', async () => {
    const created = await post(
      '/onvif/events_service',
      signed(
        '<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl"><InitialTerminationTime>PT60S</InitialTerminationTime></CreatePullPointSubscription>',
      ),
    );
    const address = /<a:Address>([^<]+)<\/a:Address>/.exec(created.text)?.[1] ?? '';
    const path = new URL(address).pathname;
    const pull = () =>
      post(
        path,
        signed(
          '<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>PT5S</Timeout><MessageLimit>5</MessageLimit></PullMessages>',
        ),
      );
    const started = Date.now();
    expect((await pull()).text).not.toContain('NotificationMessage');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    device.trigger('digital-input');
    const { text } = await pull();
    expect(text).toContain('tns1:Device/Trigger/DigitalInput');
    expect(text).toContain('<tt:SimpleItem Name="LogicalState" Value="true"/>');
    const unknown = await post('/onvif/subscription/nope', signed('<PullMessages xmlns="urn:x"/>'));
    expect([unknown.status, unknown.text.includes('ResourceUnknownFault')]).toEqual([400, true]);
  });

  it('protects the snapshot with HTTP digest', async () => {
    const challenge = await fetch(`${base}/onvif/snapshot.jpg`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(
      /^Digest realm="IP Camera", qop="auth", nonce="/,
    );
  });

  it('cuts connections while offline and answers again afterwards', async () => {
    device.goOffline(30);
    await expect(fetch(`${base}/onvif/snapshot.jpg`)).rejects.toThrow();
    device.comeBack();
    expect((await fetch(`${base}/onvif/snapshot.jpg`)).status).toBe(401);
  });

  it('reads ISO durations', () => {
    expect([
      parseDuration('PT2M'),
      parseDuration('PT0.5S'),
      parseDuration('PT1H1S'),
      parseDuration('P1D'),
    ]).toEqual([120_000, 500, 3_601_000, undefined]);
  });
});
