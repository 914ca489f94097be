import { createLogger } from '@ecogate/telemetry';
import { expectEventually } from '@ecogate/testing';
import { DeviceSupervision, type SupervisedDevice, type Supervisor } from './device-supervision';

/** Records what the supervision did to it. */
class FakeSupervisor implements Supervisor<SupervisedDevice> {
  started = 0;
  stopped = 0;
  constructor(
    readonly device: SupervisedDevice,
    readonly replaced: FakeSupervisor | undefined,
  ) {}
  start(): void {
    this.started += 1;
  }
  async stop(): Promise<void> {
    this.stopped += 1;
  }
}

describe('DeviceSupervision', () => {
  let registry: SupervisedDevice[] | Error = [];
  const made: FakeSupervisor[] = [];
  const supervision = new DeviceSupervision<SupervisedDevice, FakeSupervisor>({
    list: async () => {
      if (registry instanceof Error) throw registry;
      return registry;
    },
    supervise: (device, replaced) => {
      const supervisor = new FakeSupervisor(device, replaced);
      made.push(supervisor);
      return supervisor;
    },
    refreshMs: 60_000,
    logger: createLogger({ service: 'device-supervision-spec', level: 'fatal' }),
    listFailedMessage: 'could not read the registry',
  });

  afterEach(async () => {
    await supervision.stop();
    registry = [];
    made.length = 0;
  });

  it('starts one supervisor per device, restarts one whose version changed, and stops removed ones', async () => {
    registry = [
      { id: 'a', version: '1' },
      { id: 'b', version: '1' },
    ];
    await supervision.refresh();
    expect(supervision.deviceIds).toEqual(['a', 'b']);
    expect(made.map((s) => [s.device.id, s.started])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    const [a, b] = made;

    // Unchanged: nothing happens.
    await supervision.refresh();
    expect(made).toHaveLength(2);

    registry = [{ id: 'a', version: '2' }];
    await supervision.refresh();
    expect([a!.stopped, b!.stopped]).toEqual([1, 1]);
    expect(made).toHaveLength(3);
    // The new one knows which it replaced (to carry state over); a new device replaces none.
    expect(made[2]).toMatchObject({ device: { id: 'a', version: '2' }, replaced: a, started: 1 });
    expect(a!.replaced).toBeUndefined();
    expect(supervision.deviceIds).toEqual(['a']);

    await supervision.stop();
    expect(made[2]!.stopped).toBe(1);
    expect(supervision.deviceIds).toEqual([]);
  });

  it('keeps what runs when the registry cannot be read', async () => {
    registry = [{ id: 'a', version: '1' }];
    await supervision.refresh();
    registry = new Error('database down');
    await expect(supervision.refresh()).resolves.toBeUndefined();
    expect(supervision.deviceIds).toEqual(['a']);
    expect(made[0]!.stopped).toBe(0);
  });

  it('reads the registry at start and again every interval', async () => {
    const often = new DeviceSupervision<SupervisedDevice, FakeSupervisor>({
      list: async () => registry as SupervisedDevice[],
      supervise: (device) => new FakeSupervisor(device, undefined),
      refreshMs: 20,
      logger: createLogger({ service: 'device-supervision-spec', level: 'fatal' }),
      listFailedMessage: 'could not read the registry',
    });
    registry = [{ id: 'a', version: '1' }];
    often.start();
    try {
      await expectEventually(() => expect(often.deviceIds).toEqual(['a']));
      registry = [{ id: 'b', version: '1' }];
      await expectEventually(() => expect(often.deviceIds).toEqual(['b']));
    } finally {
      await often.stop();
    }
  });
});
