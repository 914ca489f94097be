import { randomBytes } from 'node:crypto';
import { NS } from './namespaces';
import { OnvifDeviceSimulator, type OnvifDeviceSimulatorOptions } from './onvif-device-simulator';
import {
  challengeNonce,
  digestAuthorization,
  el,
  envelope,
  faultSubcodes,
  post,
  type RawAnswer,
  securityHeader,
  type TokenParts,
} from './raw-soap.test-helper';

const account = { username: 'admin', password: 'Sim-Pass-1' };
const INFO = el(NS.tds, 'GetDeviceInformation');
const DEVICE_PATH = '/onvif/device_service';

/** One device per describe block, started and stopped with it. */
function simulated(options: OnvifDeviceSimulatorOptions = {}) {
  const device = new OnvifDeviceSimulator({ account, ...options });
  let base = '';
  beforeAll(async () => {
    base = await device.start();
  });
  afterAll(() => device.stop());
  return {
    device,
    url: (path = DEVICE_PATH) => `${base}${path}`,
    token: (parts: Partial<TokenParts> = {}) =>
      securityHeader({ ...account, created: device.deviceNow, ...parts }),
  };
}

const notAuthorized = (answer: RawAnswer) => [answer.status, faultSubcodes(answer.text)];
const NOT_AUTHORIZED = [400, ['ter:NotAuthorized']];

/** A fresh digest nonce from the device's 401 to an unauthenticated request. */
async function challenge(url: string, body = envelope(INFO)): Promise<string> {
  const answer = await post(url, body);
  expect(answer.status).toBe(401);
  return challengeNonce(answer.headers.get('www-authenticate'));
}

describe('strict device: WS-UsernameToken', () => {
  const { device, url, token } = simulated();

  it('accepts a complete PasswordDigest token', async () => {
    const ok = await post(url(), envelope(INFO, token()));
    expect([ok.status, ok.text.includes('<tds:Model>SIM-ONVIF-1</tds:Model>')]).toEqual([200, true]);
  });

  it('refuses a token without Nonce or Created, in a wrong namespace, as plain text, stale, or with a wrong password', async () => {
    for (const parts of [
      { omit: ['Nonce'] as const },
      { omit: ['Created'] as const },
      { createdNs: 'urn:not-wsu' },
      {
        passwordType:
          'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText',
      },
      { created: new Date(device.deviceNow.getTime() - 10 * 60_000) },
      { created: new Date(device.deviceNow.getTime() + 10 * 60_000) },
      { password: 'wrong' },
      { username: 'operator' },
    ]) {
      expect(notAuthorized(await post(url(), envelope(INFO, token(parts))))).toEqual(NOT_AUTHORIZED);
    }
  });

  it('refuses a replayed token: the same nonce twice, even in another request', async () => {
    const header = token({ nonce: randomBytes(16) });
    expect((await post(url(), envelope(INFO, header))).status).toBe(200);
    expect(notAuthorized(await post(url(), envelope(INFO, header)))).toEqual(NOT_AUTHORIZED);
    expect(notAuthorized(await post(url(), envelope(el(NS.tds, 'GetScopes'), header)))).toEqual(
      NOT_AUTHORIZED,
    );
  });

  it('lets PRE_AUTH operations through without credentials but refuses wrong ones; GetSystemDateAndTime ignores them', async () => {
    for (const operation of ['GetServices', 'GetCapabilities', 'GetHostname', 'GetServiceCapabilities']) {
      const body = el(
        NS.tds,
        operation,
        operation === 'GetServices' ? '<IncludeCapability>false</IncludeCapability>' : '',
      );
      expect((await post(url(), envelope(body))).status).toBe(200);
      expect(notAuthorized(await post(url(), envelope(body, token({ password: 'wrong' }))))).toEqual(
        NOT_AUTHORIZED,
      );
    }
    const clock = await post(
      url(),
      envelope(el(NS.tds, 'GetSystemDateAndTime'), token({ password: 'wrong' })),
    );
    expect(clock.status).toBe(200);
  });

  it('answers a request without credentials with 401 and a digest challenge (ONVIF Core §5.9.1), not 400', async () => {
    for (const body of [INFO, el(NS.tds, 'GetScopes')]) {
      const answer = await post(url(), envelope(body));
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(
        /^Digest realm="IP Camera", qop="auth", nonce="[0-9a-f]+", algorithm=MD5$/,
      );
    }
  });
});

describe('strict device: HTTP Digest on SOAP and the snapshot', () => {
  const { url, token } = simulated();
  const authorization = (
    nonce: string,
    parts: { nc?: number; password?: string; method?: string; uri?: string } = {},
  ) => digestAuthorization({ nonce, method: 'POST', uri: DEVICE_PATH, ...account, ...parts });

  it('authenticates a SOAP request by HTTP Digest; the nonce count must grow, an identical replay is refused', async () => {
    const nonce = await challenge(url());
    const first = authorization(nonce, { nc: 1 });
    expect((await post(url(), envelope(INFO), { authorization: first })).status).toBe(200);
    const replay = await post(url(), envelope(INFO), { authorization: first });
    expect(replay.status).toBe(401);
    expect(replay.headers.get('www-authenticate')).not.toContain('stale=true');
    expect(
      (await post(url(), envelope(INFO), { authorization: authorization(nonce, { nc: 1 }) })).status,
    ).toBe(401);
    expect(
      (await post(url(), envelope(INFO), { authorization: authorization(nonce, { nc: 2 }) })).status,
    ).toBe(200);
  });

  it('refuses a wrong password, an unknown nonce, another URI, and a missing qop', async () => {
    const nonce = await challenge(url());
    for (const value of [
      authorization(nonce, { password: 'wrong' }),
      authorization('0123456789abcdef0123456789abcdef'),
      authorization(nonce, { uri: '/onvif/media_service' }),
      authorization(nonce, { nc: 7 }).replace(/, qop=auth/, ''),
    ]) {
      expect((await post(url(), envelope(INFO), { authorization: value })).status).toBe(401);
    }
  });

  it('checks both levels when both are present: a good digest does not excuse a wrong token', async () => {
    const nonce = await challenge(url());
    const answer = await post(url(), envelope(INFO, token({ password: 'wrong' })), {
      authorization: authorization(nonce),
    });
    expect(notAuthorized(answer)).toEqual(NOT_AUTHORIZED);
  });

  it('protects the snapshot with the same strict digest: count, replay, unknown nonce', async () => {
    const snapshot = url('/onvif/snapshot.jpg');
    const first = await fetch(snapshot);
    expect(first.status).toBe(401);
    const nonce = challengeNonce(first.headers.get('www-authenticate'));
    const get = (value: string) => fetch(snapshot, { headers: { authorization: value } });
    const once = authorization(nonce, { method: 'GET', uri: '/onvif/snapshot.jpg', nc: 1 });
    const photo = await get(once);
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect((await get(once)).status).toBe(401);
    expect(
      (await get(authorization(nonce, { method: 'GET', uri: '/onvif/snapshot.jpg', nc: 2 }))).status,
    ).toBe(200);
    expect((await get(authorization('feed', { method: 'GET', uri: '/onvif/snapshot.jpg' }))).status).toBe(
      401,
    );
  });
});

describe('digest nonces expire', () => {
  const { url } = simulated({ digestNonceTtlMs: 50 });

  it('answers a right digest on an expired nonce with 401 and stale=true, on SOAP and the snapshot', async () => {
    const soapNonce = await challenge(url());
    const snapshotNonce = challengeNonce(
      (await fetch(url('/onvif/snapshot.jpg'))).headers.get('www-authenticate'),
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    const soap = await post(url(), envelope(INFO), {
      authorization: digestAuthorization({ nonce: soapNonce, method: 'POST', uri: DEVICE_PATH, ...account }),
    });
    expect([soap.status, soap.headers.get('www-authenticate')]).toEqual([
      401,
      expect.stringMatching(/, stale=true$/),
    ]);
    const snapshot = await fetch(url('/onvif/snapshot.jpg'), {
      headers: {
        authorization: digestAuthorization({
          nonce: snapshotNonce,
          method: 'GET',
          uri: '/onvif/snapshot.jpg',
          ...account,
        }),
      },
    });
    expect([snapshot.status, snapshot.headers.get('www-authenticate')]).toEqual([
      401,
      expect.stringMatching(/, stale=true$/),
    ]);
  });
});

describe('quirk http-digest-only', () => {
  const { url, token } = simulated({ quirks: ['http-digest-only'] });
  const signedByDigest = async (header: string) => {
    const nonce = challengeNonce((await post(url(), envelope(INFO))).headers.get('www-authenticate'));
    const value = digestAuthorization({ nonce, method: 'POST', uri: DEVICE_PATH, ...account });
    return post(url(), envelope(INFO, header), { authorization: value });
  };

  it('authenticates by HTTP Digest only: a valid token alone gets a challenge, the digest alone passes', async () => {
    expect((await post(url(), envelope(INFO, token()))).status).toBe(401);
    expect((await signedByDigest('')).status).toBe(200);
    // A Security header that is not mandatory is ignored, whatever it holds.
    expect((await signedByDigest(token({ password: 'ignored', mustUnderstand: false }))).status).toBe(200);
  });

  it('does not understand a mandatory wsse:Security header: env:MustUnderstand once the digest passed', async () => {
    const answer = await signedByDigest(token());
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('<s:Value>s:MustUnderstand</s:Value>');
    expect(answer.text).toContain(`<s:NotUnderstood qname="nu:Security" xmlns:nu="${NS.wsse}"/>`);
  });

  it('says so in its security capabilities (PRE_AUTH, no credentials needed)', async () => {
    const caps = await post(url(), envelope(el(NS.tds, 'GetServiceCapabilities')));
    expect([caps.status, caps.text.includes('UsernameToken="false" HttpDigest="true"')]).toEqual([200, true]);
  });
});

describe('quirk ws-security-only', () => {
  const { url, token } = simulated({ quirks: ['ws-security-only'] });

  it('answers no credentials with 400 ter:NotAuthorized and no challenge; ignores an HTTP Digest', async () => {
    const none = await post(url(), envelope(INFO));
    expect(notAuthorized(none)).toEqual(NOT_AUTHORIZED);
    expect(none.headers.get('www-authenticate')).toBeNull();
    const nonce = challengeNonce((await fetch(url('/onvif/snapshot.jpg'))).headers.get('www-authenticate'));
    const digestOnly = await post(url(), envelope(INFO), {
      authorization: digestAuthorization({ nonce, method: 'POST', uri: DEVICE_PATH, ...account }),
    });
    expect(notAuthorized(digestOnly)).toEqual(NOT_AUTHORIZED);
    expect((await post(url(), envelope(INFO, token()))).status).toBe(200);
    const caps = await post(url(), envelope(el(NS.tds, 'GetServiceCapabilities')));
    expect(caps.text).toContain('UsernameToken="true" HttpDigest="false"');
  });
});

describe('quirk clock-far-off', () => {
  const { device, url, token } = simulated({ quirks: ['clock-far-off'] });

  it('reports a clock restarted at 2000-01-01 and only accepts tokens created on that clock', async () => {
    const clock = await post(url(), envelope(el(NS.tds, 'GetSystemDateAndTime')));
    expect(clock.text).toContain('<tt:DateTimeType>Manual</tt:DateTimeType>');
    expect(clock.text).toContain('<tt:Year>2000</tt:Year><tt:Month>1</tt:Month><tt:Day>1</tt:Day>');
    expect(notAuthorized(await post(url(), envelope(INFO, token({ created: new Date() }))))).toEqual(
      NOT_AUTHORIZED,
    );
    expect((await post(url(), envelope(INFO, token({ created: device.deviceNow })))).status).toBe(200);
  });
});

describe('quirks', () => {
  it('refuses contradictory quirks', () => {
    expect(() => new OnvifDeviceSimulator({ quirks: ['http-digest-only', 'ws-security-only'] })).toThrow(
      /exclude each other/,
    );
  });
});
