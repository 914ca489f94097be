import { NS } from './namespaces';
import { OnvifDeviceSimulator } from './onvif-device-simulator';
import { parseDuration } from './soap-envelope';
import { el, envelope, faultSubcodes, post, type RawAnswer, securityHeader } from './raw-soap.test-helper';

const account = { username: 'admin', password: 'Sim-Pass-1' };

describe('OnvifDeviceSimulator SOAP handling', () => {
  const device = new OnvifDeviceSimulator({
    account,
    maxPullWaitMs: 2_000,
    rtspUri: 'rtsp://127.0.0.1:8554/lane?x=1',
  });
  let base: string;
  beforeAll(async () => {
    base = await device.start();
  });
  afterAll(() => device.stop());

  const signed = (body: string) => envelope(body, securityHeader({ ...account, created: device.deviceNow }));
  const call = (service: string, body: string) => post(`${base}/onvif/${service}`, signed(body));
  const expectFault = (answer: RawAnswer, status: number, subcodes: string[]) => {
    expect([answer.status, faultSubcodes(answer.text)]).toEqual([status, subcodes]);
  };

  it('answers GetSystemDateAndTime without a login, in the skewed device clock', async () => {
    device.setClockSkew(90_000);
    try {
      const { status, text } = await post(
        `${base}/onvif/device_service`,
        envelope(el(NS.tds, 'GetSystemDateAndTime')),
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

  it('reads namespaces, not prefixes: any prefix for the right namespace works, the right name in a wrong one does not', async () => {
    const prefixed = `<e:Envelope xmlns:e="${NS.soap12}"><e:Body><d:GetHostname xmlns:d="${NS.tds}"/></e:Body></e:Envelope>`;
    const ok = await post(`${base}/onvif/device_service`, prefixed);
    expect([ok.status, /<tt:Name>sim-sim0001<\/tt:Name>/.test(ok.text)]).toEqual([200, true]);
    // GetHostname in the media namespace, and the media service's GetProfiles on the device service.
    expectFault(await call('device_service', el(NS.trt, 'GetHostname')), 500, ['ter:ActionNotSupported']);
    expectFault(await call('device_service', el(NS.trt, 'GetProfiles')), 500, ['ter:ActionNotSupported']);
    expectFault(await call('media_service', el(NS.tds, 'GetDeviceInformation')), 500, [
      'ter:ActionNotSupported',
    ]);
    expectFault(await call('device_service', el('urn:x', 'Reboot')), 500, ['ter:ActionNotSupported']);
  });

  it('checks parameters against the schema: wrong namespace, missing, repeated, out of order → ter:InvalidArgs (400)', async () => {
    const relay = (inner: string) => call('device_service', el(NS.tds, 'SetRelayOutputState', inner));
    const token = (ns: string) => `<RelayOutputToken xmlns="${ns}">RelayOutput_0</RelayOutputToken>`;
    const state = `<LogicalState xmlns="${NS.tds}">active</LogicalState>`;
    expectFault(await relay(token(NS.tt) + state), 400, ['ter:InvalidArgs']);
    expectFault(await relay(token(NS.tds)), 400, ['ter:InvalidArgs']);
    expectFault(await relay(state + token(NS.tds)), 400, ['ter:InvalidArgs']);
    expectFault(await relay(token(NS.tds) + token(NS.tds) + state), 400, ['ter:InvalidArgs']);
    expect(device.relayCommands).toEqual([]);
    // StreamSetup's Stream belongs to the schema namespace (tt), not the media one.
    const wrongStream =
      `<StreamSetup><Stream>RTP-Unicast</Stream><Transport xmlns="${NS.tt}"><Protocol>RTSP</Protocol></Transport></StreamSetup>` +
      `<ProfileToken>profile_1</ProfileToken>`;
    expectFault(await call('media_service', el(NS.trt, 'GetStreamUri', wrongStream)), 400, [
      'ter:InvalidArgs',
    ]);
  });

  it('refuses SOAP 1.1 with a 1.1 VersionMismatch fault, and any other envelope with a 1.2 one', async () => {
    const soap11 = await post(
      `${base}/onvif/device_service`,
      `<e:Envelope xmlns:e="${NS.soap11}"><e:Body>${el(NS.tds, 'GetSystemDateAndTime')}</e:Body></e:Envelope>`,
      { 'content-type': 'text/xml; charset=utf-8' },
    );
    expect(soap11.status).toBe(500);
    expect(soap11.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(soap11.text).toContain('<faultcode>e:VersionMismatch</faultcode>');
    expect(soap11.text).toMatch(
      /<s:Upgrade xmlns:s="http:\/\/www.w3.org\/2003\/05\/soap-envelope"><s:SupportedEnvelope/,
    );
    const other = await post(`${base}/onvif/device_service`, `<Envelope xmlns="urn:x"><Body/></Envelope>`);
    expect([other.status, other.text.includes('<s:Value>s:VersionMismatch</s:Value>')]).toEqual([500, true]);
  });

  it('faults on a mandatory header block it does not understand (env:MustUnderstand, 500)', async () => {
    const header = `<x:Session s:mustUnderstand="true" xmlns:x="urn:vendor">1</x:Session>`;
    const answer = await post(
      `${base}/onvif/device_service`,
      envelope(el(NS.tds, 'GetSystemDateAndTime'), header),
    );
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('<s:Value>s:MustUnderstand</s:Value>');
    expect(answer.text).toContain('<s:NotUnderstood qname="nu:Session" xmlns:nu="urn:vendor"/>');
  });

  it('refuses what is not well-formed: a DOCTYPE, an undeclared prefix or entity (ter:WellFormed, 400)', async () => {
    for (const body of [
      `<!DOCTYPE x [<!ENTITY a "b">]>${envelope(el(NS.tds, 'GetSystemDateAndTime'))}`,
      envelope('<tds:GetSystemDateAndTime/>'),
      envelope(el(NS.tds, 'GetSystemDateAndTime', '&a;')),
    ]) {
      expectFault(await post(`${base}/onvif/device_service`, body), 400, ['ter:WellFormed']);
    }
  });

  it('answers HTTP errors for what is no SOAP request: 404, 405, 415', async () => {
    expect((await fetch(`${base}/onvif/nothing`, { method: 'POST' })).status).toBe(404);
    const get = await fetch(`${base}/onvif/device_service`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    const plain = await fetch(`${base}/onvif/device_service`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: envelope(el(NS.tds, 'GetSystemDateAndTime')),
    });
    expect(plain.status).toBe(415);
  });

  it('records SetRelayOutputState and rejects an unknown relay (ter:RelayToken) or state', async () => {
    const set = (token: string, state: string) =>
      call(
        'device_service',
        el(
          NS.tds,
          'SetRelayOutputState',
          `<RelayOutputToken>${token}</RelayOutputToken><LogicalState>${state}</LogicalState>`,
        ),
      );
    expect((await set('RelayOutput_0', 'active')).status).toBe(200);
    expectFault(await set('RelayOutput_9', 'active'), 400, ['ter:InvalidArgVal', 'ter:RelayToken']);
    expectFault(await set('RelayOutput_0', 'open'), 400, ['ter:InvalidArgVal']);
    expect(device.relayCommands.map((c) => [c.token, c.state])).toEqual([['RelayOutput_0', 'active']]);
    device.relayCommands.splice(0);
  });

  it('serves GetServices with or without capabilities, consistent with GetCapabilities', async () => {
    const services = (include: string) =>
      call('device_service', el(NS.tds, 'GetServices', `<IncludeCapability>${include}</IncludeCapability>`));
    const withCaps = await services('true');
    expect(withCaps.status).toBe(200);
    expect(withCaps.text.match(/<tds:Service>/g)).toHaveLength(3);
    expect(withCaps.text).toContain(
      '<trt:StreamingCapabilities RTPMulticast="false" RTP_TCP="false" RTP_RTSP_TCP="true"',
    );
    expect(withCaps.text).toContain('UsernameToken="true" HttpDigest="true"');
    expect((await services('false')).text).not.toContain('<tds:Capabilities>');
    expectFault(await services('yes'), 400, ['ter:InvalidArgVal']);

    const capabilities = (categories: string[]) =>
      call(
        'device_service',
        el(NS.tds, 'GetCapabilities', categories.map((c) => `<Category>${c}</Category>`).join('')),
      );
    const all = (await capabilities([])).text;
    expect(all).toMatch(/<tt:Device>.*<tt:Events>.*<tt:Media>.*<tt:RTPMulticast>false<\/tt:RTPMulticast>/);
    const media = (await capabilities(['Media'])).text;
    expect([media.includes('<tt:Media>'), media.includes('<tt:Device>')]).toEqual([true, false]);
    expectFault(await capabilities(['PTZ']), 500, ['ter:ActionNotSupported', 'ter:NoSuchService']);
  });

  it('serves GetScopes (after login) and the three services’ GetServiceCapabilities', async () => {
    const scopes = await call('device_service', el(NS.tds, 'GetScopes'));
    expect(scopes.text).toContain('<tt:ScopeItem>onvif://www.onvif.org/Profile/Streaming</tt:ScopeItem>');
    expect(scopes.text).toContain('<tt:ScopeItem>onvif://www.onvif.org/hardware/SIM-ONVIF-1</tt:ScopeItem>');
    for (const [service, ns, element] of [
      ['device_service', NS.tds, '<tds:Capabilities><tds:Network'],
      ['media_service', NS.trt, '<trt:Capabilities SnapshotUri="true"'],
      ['events_service', NS.tev, '<tev:Capabilities WSSubscriptionPolicySupport="false"'],
    ] as const) {
      const answer = await post(`${base}/onvif/${service}`, envelope(el(ns, 'GetServiceCapabilities')));
      expect([answer.status, answer.text.includes(element)]).toEqual([200, true]);
    }
  });

  it('describes the profile with a complete VideoEncoderConfiguration, in schema order', async () => {
    const { text } = await call('media_service', el(NS.trt, 'GetProfiles'));
    const encoder =
      /<tt:VideoEncoderConfiguration [^>]*>(.*)<\/tt:VideoEncoderConfiguration>/.exec(text)?.[1] ?? '';
    const order = [...encoder.matchAll(/<tt:(\w+)[ >/]/g)].map((m) => m[1]);
    const topLevel = [
      'Name',
      'UseCount',
      'Encoding',
      'Resolution',
      'Quality',
      'RateControl',
      'H264',
      'Multicast',
      'SessionTimeout',
    ];
    expect(order.filter((name) => topLevel.includes(name ?? ''))).toEqual(topLevel);
    expect(encoder).toContain(
      '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address>',
    );
    const one = await call(
      'media_service',
      el(NS.trt, 'GetProfile', '<ProfileToken>profile_1</ProfileToken>'),
    );
    expect(one.text).toContain('<trt:Profile token="profile_1" fixed="true">');
  });

  it('refuses an unknown profile token with ter:InvalidArgVal/ter:NoProfile (400)', async () => {
    const setup = `<StreamSetup><Stream xmlns="${NS.tt}">RTP-Unicast</Stream><Transport xmlns="${NS.tt}"><Protocol>RTSP</Protocol></Transport></StreamSetup>`;
    for (const body of [
      el(NS.trt, 'GetStreamUri', `${setup}<ProfileToken>nope</ProfileToken>`),
      el(NS.trt, 'GetSnapshotUri', '<ProfileToken>nope</ProfileToken>'),
      el(NS.trt, 'GetProfile', '<ProfileToken>nope</ProfileToken>'),
    ]) {
      expectFault(await call('media_service', body), 400, ['ter:InvalidArgVal', 'ter:NoProfile']);
    }
  });

  it('answers GetStreamUri per StreamSetup: RTSP URI for UDP and RTSP, the web port for HTTP, refuses the rest', async () => {
    const streamUri = (stream: string, protocol: string) =>
      call(
        'media_service',
        el(
          NS.trt,
          'GetStreamUri',
          `<StreamSetup><Stream xmlns="${NS.tt}">${stream}</Stream><Transport xmlns="${NS.tt}"><Protocol>${protocol}</Protocol></Transport></StreamSetup>` +
            '<ProfileToken>profile_1</ProfileToken>',
        ),
      );
    const uri = async (stream: string, protocol: string) =>
      /<tt:Uri>([^<]+)<\/tt:Uri>/.exec((await streamUri(stream, protocol)).text)?.[1];
    expect(await uri('RTP-Unicast', 'RTSP')).toBe('rtsp://127.0.0.1:8554/lane?x=1');
    expect(await uri('RTP-Unicast', 'UDP')).toBe('rtsp://127.0.0.1:8554/lane?x=1');
    expect(await uri('RTP-Unicast', 'HTTP')).toBe(`${base}/lane?x=1`);
    for (const [stream, protocol] of [
      ['RTP-Multicast', 'UDP'],
      ['RTP-Unicast', 'TCP'],
      ['RTP-Unicast', 'SCTP'],
    ] as const) {
      expectFault(await streamUri(stream, protocol), 400, ['ter:InvalidArgVal', 'ter:InvalidStreamSetup']);
    }
  });

  it('lists the three topics it raises in GetEventProperties', async () => {
    const { text } = await call('events_service', el(NS.tev, 'GetEventProperties'));
    expect(text).toContain('<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet>');
    for (const topic of [
      /<tns1:Device><tns1:Trigger><tns1:DigitalInput wstop:topic="true">.*Name="LogicalState" Type="xs:boolean"/,
      /<tns1:RuleEngine><tns1:CellMotionDetector><tns1:Motion wstop:topic="true">.*Name="IsMotion"/,
      /<tns1:VideoSource><tns1:GlobalSceneChange><tns1:ImagingService wstop:topic="true">/,
    ]) {
      expect(text).toMatch(topic);
    }
  });

  it('queues triggers on a pull point, renews and unsubscribes it, refuses a Timeout beyond its maximum', async () => {
    const created = await call(
      'events_service',
      el(NS.tev, 'CreatePullPointSubscription', '<InitialTerminationTime>PT60S</InitialTerminationTime>'),
    );
    const address = /<a:Address>([^<]+)<\/a:Address>/.exec(created.text)?.[1] ?? '';
    const path = new URL(address).pathname;
    const pull = (timeout: string) =>
      post(
        `${base}${path}`,
        signed(el(NS.tev, 'PullMessages', `<Timeout>${timeout}</Timeout><MessageLimit>5</MessageLimit>`)),
      );
    const started = Date.now();
    expect((await pull('PT0.2S')).text).not.toContain('NotificationMessage');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    device.trigger('digital-input');
    const { text } = await pull('PT1S');
    expect(text).toContain('tns1:Device/Trigger/DigitalInput');
    expect(text).toContain('<tt:SimpleItem Name="LogicalState" Value="true"/>');

    const tooLong = await pull('PT5S');
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('<tev:MaxTimeout>PT2S</tev:MaxTimeout>');

    const renew = (ns: string) =>
      post(
        `${base}${path}`,
        signed(el(ns, 'Renew', `<TerminationTime xmlns="${NS.wsnt}">PT30S</TerminationTime>`)),
      );
    expectFault(await renew(NS.tev), 500, ['ter:ActionNotSupported']);
    expect((await renew(NS.wsnt)).text).toContain('<wsnt:RenewResponse><wsnt:TerminationTime>');
    expect(device.renewals).toBe(1);
    expect((await post(`${base}${path}`, signed(el(NS.wsnt, 'Unsubscribe')))).status).toBe(200);
    expect(device.subscriptionCount).toBe(0);
    const gone = await pull('PT1S');
    expect([gone.status, faultSubcodes(gone.text)]).toEqual([400, ['wsrf-rw:ResourceUnknownFault']]);
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
