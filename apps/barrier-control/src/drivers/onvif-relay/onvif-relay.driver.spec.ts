import { OnvifDeviceSimulator } from '@ecogate/camera-simulator';
import { Secret } from '@ecogate/config';
import { type LaneRef } from '@ecogate/contracts';
import { OnvifRelayDriver } from './onvif-relay.driver';

const lane: LaneRef = { enterpriseId: 'ent-1', siteId: 's', gateId: 'g', laneId: 'lane-in', direction: 'in' };
const account = { username: 'admin', password: 'Relay-Pass-1' };

describe('ONVIF relay driver against the simulated ONVIF device', () => {
  const bistable = new OnvifDeviceSimulator({ account, relayTokens: ['Open_0', 'Close_1'] });
  const monostable = new OnvifDeviceSimulator({ account, relayMode: 'Monostable' });
  let urls: { bistable: string; monostable: string };
  beforeAll(async () => {
    urls = { bistable: await bistable.start(), monostable: await monostable.start() };
  });
  afterAll(async () => {
    await bistable.stop();
    await monostable.stop();
  });
  beforeEach(() => {
    bistable.relayCommands.splice(0);
    monostable.relayCommands.splice(0);
  });

  const target = (baseUrl: string, extra: { password?: string; closeRelayToken?: string } = {}) =>
    ({
      driver: 'onvif-relay',
      baseUrl,
      username: account.username,
      password: new Secret(extra.password ?? account.password),
      ...(extra.closeRelayToken ? { closeRelayToken: extra.closeRelayToken } : {}),
    }) as const;
  const recorded = (device: OnvifDeviceSimulator) => device.relayCommands.map((c) => [c.token, c.state]);

  it('pulses a bistable relay for open: active, then inactive after the hold', async () => {
    await new OnvifRelayDriver({ pulseMs: 150 }).send(target(urls.bistable), { lane, action: 'open' });
    expect(recorded(bistable)).toEqual([
      ['Open_0', 'active'],
      ['Open_0', 'inactive'],
    ]);
    const [on, off] = bistable.relayCommands;
    expect(off!.at.getTime() - on!.at.getTime()).toBeGreaterThanOrEqual(140);
  });

  it('only activates a monostable relay (the device releases it by itself)', async () => {
    await new OnvifRelayDriver({ pulseMs: 150 }).send(target(urls.monostable), { lane, action: 'open' });
    expect(recorded(monostable)).toEqual([['RelayOutput_0', 'active']]);
    await expect(
      new OnvifRelayDriver().send(target(urls.monostable), { lane, action: 'always-open' }),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('holds the relay for always-open, releases it on close, or pulses the close relay when wired', async () => {
    const driver = new OnvifRelayDriver({ pulseMs: 10 });
    await driver.send(target(urls.bistable), { lane, action: 'always-open' });
    await driver.send(target(urls.bistable), { lane, action: 'close' });
    await driver.send(target(urls.bistable, { closeRelayToken: 'Close_1' }), { lane, action: 'close' });
    expect(recorded(bistable)).toEqual([
      ['Open_0', 'active'],
      ['Open_0', 'inactive'],
      ['Close_1', 'active'],
      ['Close_1', 'inactive'],
    ]);
  });

  it('fails with rejected on a wrong password, unreachable when the device is off, and sends nothing', async () => {
    const driver = new OnvifRelayDriver({ timeoutMs: 1_000 });
    await expect(
      driver.send(target(urls.bistable, { password: 'wrong' }), { lane, action: 'open' }),
    ).rejects.toMatchObject({ name: 'BarrierCommandError', code: 'rejected' });
    bistable.goOffline(5);
    try {
      await expect(driver.send(target(urls.bistable), { lane, action: 'open' })).rejects.toMatchObject({
        code: 'unreachable',
      });
    } finally {
      bistable.comeBack();
    }
    await expect(
      driver.send(target(urls.bistable, { closeRelayToken: 'Close_9' }), { lane, action: 'close' }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    expect(bistable.relayCommands).toEqual([]);
  });
});
