import { OnvifDeviceSimulator, type OnvifQuirk } from '@ecogate/camera-simulator';
import { classifyTopic } from './event-topics';
import { OnvifClient } from './onvif-client';
import { OnvifError } from './onvif-error';

const account = { username: 'admin', password: 'Onvif-Sim-1' };

/** The strict device and each documented quirk of real cameras: the client must work with all. */
const PROFILES: readonly (readonly [string, readonly OnvifQuirk[]])[] = [
  ['strict', []],
  ['http-digest-only', ['http-digest-only']],
  ['ws-security-only', ['ws-security-only']],
  ['clock-far-off', ['clock-far-off']],
];

describe.each(PROFILES)('OnvifClient against the simulated ONVIF device (%s)', (_name, quirks) => {
  const device = new OnvifDeviceSimulator({
    account,
    quirks,
    rtspUri: 'rtsp://127.0.0.1:8554/lane-in',
    maxPullWaitMs: 300,
    maxSubscriptionMs: 3_000,
  });
  let url: string;
  beforeAll(async () => {
    url = await device.start();
  });
  afterAll(() => device.stop());
  beforeEach(() => device.relayCommands.splice(0));

  const connect = (password = account.password) =>
    OnvifClient.connect({ url, username: account.username, password, timeoutMs: 10_000 });

  it('reads device information, capabilities, services, profiles and media URIs', async () => {
    const client = await connect();
    expect(await client.deviceInformation()).toMatchObject({
      manufacturer: 'Ecogate Simulated',
      serialNumber: 'SIM0001',
    });
    expect(await client.capabilities()).toEqual({
      media: true,
      events: true,
      pullPoint: true,
      relayOutputs: 1,
      inputConnectors: 1,
    });
    expect((await client.services()).map((s) => s.namespace)).toEqual([
      'http://www.onvif.org/ver10/device/wsdl',
      'http://www.onvif.org/ver10/media/wsdl',
      'http://www.onvif.org/ver10/events/wsdl',
    ]);
    expect(await client.profiles()).toEqual([
      { token: 'profile_1', name: 'mainStream', encoding: 'H264', width: 1920, height: 1080 },
    ]);
    expect(await client.streamUri()).toBe('rtsp://127.0.0.1:8554/lane-in');
    expect(await client.snapshotUri()).toBe(`${url}/onvif/snapshot.jpg`);
  });

  it('downloads the snapshot through the digest challenge, byte for byte', async () => {
    const client = await connect();
    expect((await client.snapshot()).equals(device.snapshot)).toBe(true);
  });

  it('fails with unauthorised on a wrong password', async () => {
    await expect(connect('wrong')).rejects.toMatchObject({ name: 'OnvifError', code: 'unauthorised' });
  });

  it('names an unknown profile token in a protocol error', async () => {
    const client = await connect();
    for (const call of [() => client.streamUri('gone'), () => client.snapshotUri('gone')]) {
      await expect(call()).rejects.toMatchObject({
        name: 'OnvifError',
        code: 'protocol',
        message: expect.stringMatching(/no media profile 'gone' \(ter:NoProfile\)/),
      });
    }
  });

  it('lists relay outputs and switches one; the device records the commands', async () => {
    const client = await connect();
    expect(await client.relayOutputs()).toEqual([
      { token: 'RelayOutput_0', mode: 'Bistable', delayTimeMs: 1_000, idleState: 'open' },
    ]);
    await client.setRelayOutputState('RelayOutput_0', 'active');
    await client.setRelayOutputState('RelayOutput_0', 'inactive');
    expect(device.relayCommands.map((c) => [c.token, c.state])).toEqual([
      ['RelayOutput_0', 'active'],
      ['RelayOutput_0', 'inactive'],
    ]);
    await expect(client.setRelayOutputState('nope', 'active')).rejects.toBeInstanceOf(OnvifError);
  });

  it('pulls triggers, renews the subscription before it expires and unsubscribes on close', async () => {
    const client = await connect();
    // Renews once less than 2.5 s of the 3 s grant are left: a pull cycle on a loaded machine never takes that long.
    const events = client.pullPoint({ pullTimeoutMs: 200, renewMarginMs: 2_500 });
    expect(await events.pull()).toEqual([]);
    device.trigger('digital-input');
    const [input] = await events.pull();
    expect(input).toMatchObject({
      kind: 'digital-input',
      active: true,
      operation: 'Changed',
      topic: 'tns1:Device/Trigger/DigitalInput',
      source: { InputToken: 'DI_0' },
    });
    // Keep pulling past the device's 3 s grant on one subscription, renewed on the way.
    const subscribed = Date.now();
    while (Date.now() - subscribed < 3_500) await events.pull();
    expect(events.created).toBe(1);
    expect(events.renewed).toBeGreaterThanOrEqual(2);
    await events.close();
    expect(device.subscriptionCount).toBe(0);
  });
});

describe('OnvifClient against the strict device: clock, outages, device limits', () => {
  const device = new OnvifDeviceSimulator({ account, maxPullWaitMs: 300, maxSubscriptionMs: 3_000 });
  let url: string;
  beforeAll(async () => {
    url = await device.start();
  });
  afterAll(() => device.stop());

  const connect = () => OnvifClient.connect({ url, ...account, timeoutMs: 10_000 });

  it('measures the device clock drift', async () => {
    device.setClockSkew(90_000);
    try {
      const client = await connect();
      const drift = await client.clockDriftMs();
      expect(Math.abs(drift - 90_000)).toBeLessThan(3_000);
    } finally {
      device.setClockSkew(0);
    }
    expect(Math.abs(await (await connect()).clockDriftMs())).toBeLessThan(3_000);
  });

  it('dates its tokens on the device clock read last: a clock set during a session (NTP after a power loss)', async () => {
    device.setClockSkew(Date.UTC(2000, 0, 1) - Date.now());
    try {
      const client = await connect();
      device.setClockSkew(0);
      await expect(client.deviceInformation()).rejects.toMatchObject({ code: 'unauthorised' });
      // A health poll reads the clock first; every token after it is dated on the new clock.
      expect(Math.abs(await client.clockDriftMs())).toBeLessThan(3_000);
      expect(await client.deviceInformation()).toMatchObject({ serialNumber: 'SIM0001' });
    } finally {
      device.setClockSkew(0);
    }
  });

  it('fails with unreachable when nothing answers', async () => {
    const gone = new OnvifDeviceSimulator();
    const goneUrl = await gone.start();
    await gone.stop();
    await expect(
      OnvifClient.connect({ url: goneUrl, username: 'a', password: 'b', timeoutMs: 1_000 }),
    ).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('recreates the subscription after a reboot', async () => {
    const events = (await connect()).pullPoint({ pullTimeoutMs: 200, renewMarginMs: 1_000 });
    expect(await events.pull()).toEqual([]);
    device.goOffline(60); // until comeBack()
    await expect(events.pull()).rejects.toMatchObject({ code: 'unreachable' });
    device.comeBack();
    expect(await events.pull()).toEqual([]);
    expect(events.created).toBe(2);
    device.trigger('tamper');
    expect((await events.pull()).map((e) => [e.kind, e.active])).toEqual([['tamper', true]]);
    await events.close();
    expect(device.subscriptionCount).toBe(0);
  });

  it('keeps one subscription when the device allows a shorter pull than asked (PullMessagesFaultResponse)', async () => {
    // The device refuses any Timeout over 0.3 s: empty pulls on one subscription mean the client adapted.
    const events = (await connect()).pullPoint({ pullTimeoutMs: 2_000, renewMarginMs: 1_000 });
    expect(await events.pull()).toEqual([]);
    expect(await events.pull()).toEqual([]);
    expect(events.created).toBe(1);
    device.trigger('motion');
    expect((await events.pull()).map((e) => e.kind)).toEqual(['motion']);
    await events.close();
  });
});

describe('classifyTopic', () => {
  it.each([
    ['tns1:Device/Trigger/DigitalInput', { LogicalState: 'true' }, 'digital-input', true],
    ['tns1:Device/IO/DigitalInput', { State: 'false' }, 'digital-input', false],
    ['tns1:RuleEngine/CellMotionDetector/Motion', { IsMotion: 'true' }, 'motion', true],
    ['tns1:VideoSource/MotionAlarm', { State: '1' }, 'motion', true],
    ['tns1:VideoSource/GlobalSceneChange/ImagingService', { State: 'true' }, 'tamper', true],
    ['tns1:RuleEngine/TamperDetector/Tamper', { IsTamper: 'false' }, 'tamper', false],
    ['tns1:Monitoring/ProcessorUsage', { Value: '12' }, 'other', undefined],
  ])('%s %j → %s %s', (topic, data, kind, active) => {
    expect(classifyTopic(topic, data)).toEqual({ kind, active });
  });
});
