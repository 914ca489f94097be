import { CameraSimulator } from '@ecogate/camera-simulator';
import { BarrierClock } from './barrier-clock';

describe('BarrierClock on a simulated camera', () => {
  const camera = new CameraSimulator({ vendor: 'hikvision', pushUrl: 'http://127.0.0.1:1/unused' });
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = await camera.start();
  });
  afterAll(() => camera.stop());

  const command = (mode: string) =>
    fetch(`${baseUrl}/ISAPI/Parking/channels/1/barrierGate`, {
      method: 'PUT',
      body: `<BarrierGate><ctrlMode>${mode}</ctrlMode></BarrierGate>`,
    });

  it('stamps each ISAPI open as it arrives and ignores other commands', async () => {
    const clock = new BarrierClock(camera);
    const before = performance.now();
    const first = clock.openAt(0, 2_000);
    expect((await command('close')).status).toBe(200);
    expect((await command('open')).status).toBe(200);
    const at = await first;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(performance.now());
    expect(clock.count).toBe(1);
    // The simulator still records every command.
    expect(camera.barrierCommands().map((c) => c.kind === 'barrier' && c.command)).toEqual(['close', 'open']);
    await expect(clock.openAt(0, 10)).resolves.toBe(at);
    await expect(clock.openAt(1, 20)).resolves.toBeUndefined();
  });
});
