import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CameraSimulator, type PushResult } from '@ecogate/camera-simulator';
import { scratchFolder, StartedMachine, survivors } from './testing/started-machine';
import { type DemoState } from './demo/seed-demo';

// Issue #14's checks of `npm start` itself: from the clone with only Node.js reachable, to the
// first demo passage in the public API and a clean Ctrl-C; and a power cut in the middle of 300
// camera pushes, after which every push the camera saw acknowledged is exactly one passage.
// Moved with the other checkouts' ports (ECOGATE_PORT_OFFSET, as .ci/run picks it).
const OFFSET = Number(process.env['ECOGATE_PORT_OFFSET'] ?? 0);
const PORTS = {
  ECOGATE_PORT: String(18080 + OFFSET),
  ECOGATE_CAMERA_PORT: String(18082 + OFFSET),
  ECOGATE_POSTGRES_PORT: String(15433 + OFFSET),
};
const GATEWAY_PORT = Number(PORTS.ECOGATE_PORT);
const ARRIVALS = 300;

/** A folder holding only node, npm and npx: no Java, Go, Maven, PostgreSQL or shell binaries. */
async function nodeOnlyPath(dir: string): Promise<string> {
  const bin = dirname(await realpath(process.execPath));
  for (const tool of ['node', 'npm', 'npx']) {
    const target = tool === 'node' ? process.execPath : join(bin, tool);
    if (!existsSync(target)) throw new Error(`${tool} is not next to ${process.execPath}`);
    await symlink(target, join(dir, tool));
  }
  return dir;
}

describe('npm start', () => {
  let work = '';
  let machine: StartedMachine | undefined;

  beforeEach(async () => (work = await scratchFolder('ecogate-start-')));
  afterEach(async () => {
    await machine?.powerCut();
    machine = undefined;
    await rm(work, { recursive: true, force: true });
  });

  it('runs from the clone with a PATH holding only Node.js: a demo passage in the API, then Ctrl-C stops everything', async () => {
    const path = await nodeOnlyPath(await mkdtemp(join(work, 'path-')));
    const home = join(work, 'home');
    // npm runs package scripts with a shell; named by its path, so PATH need not hold one.
    const env = { PATH: path, npm_config_script_shell: '/bin/sh', ...PORTS };
    machine = new StartedMachine({ home, viaNpm: true, env });
    const ready = await machine.ready();
    const first = await machine.firstPassage(await machine.session('enterprise-admin', GATEWAY_PORT));
    process.stdout.write(
      `npm start, PATH=node/npm/npx only: ready ${ready.toFixed(1)} s, first passage ${first.toFixed(1)} s\n`,
    );

    const processes = machine.processes();
    expect(processes.length).toBeGreaterThan(8); // npm, its shell, the launcher, postgres, the services
    // npm ends itself with the SIGINT it got, once the launcher has exited 0 after stopping everything.
    expect(await machine.interrupt()).toBe('SIGINT');
    expect(machine.output()).toMatch(/SIGINT: stopping…\n.*stopped$/m);
    expect(await survivors(processes)).toEqual([]);
    expect(existsSync(join(home, 'run', 'processes.json'))).toBe(false);
    machine = undefined;
  });

  it(`a power cut in the middle of ${ARRIVALS} camera pushes: after the restart each acknowledged push is exactly one passage`, async () => {
    const home = join(work, 'home');
    // The demo city without its own trucks: only this test's camera pushes.
    const env = { ...PORTS, ECOGATE_DEMO_INTERVAL_SECONDS: '0', ECOGATE_DEMO_ALERT_AFTER_SECONDS: '86400' };
    machine = new StartedMachine({ home, env, args: ['--demo'] });
    await machine.ready();
    const state = JSON.parse(await readFile(join(home, 'secrets', 'demo.json'), 'utf8')) as DemoState;
    const device = state.cameras.find((c) => c.laneId === 'north-in');
    if (!device) throw new Error('no north-in camera in the demo');
    const camera = new CameraSimulator({
      vendor: 'hikvision',
      pushUrl: `http://127.0.0.1:${PORTS.ECOGATE_CAMERA_PORT}/push/hikvision/${device.deviceId}`,
      headers: { 'x-ecogate-device-secret': device.pushSecret },
      serial: device.deviceId,
    });
    // Cameras stamp captures to the second: from the start of the previous second.
    const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();

    // Pushes one after another, as a camera does; the cut comes once half were acknowledged.
    const results: PushResult[] = [];
    const crashed = machine;
    const pushing = (async () => {
      for (let n = 0; n < ARRIVALS; n++) {
        results.push(
          await camera
            .arrive({ plate: `皖A${String(10_000 + n).padStart(5, '0')}` })
            .catch(() => ({}) as PushResult),
        );
        if (results.filter((r) => r.status === 200).length === ARRIVALS / 2) await crashed.powerCut();
      }
    })();
    await pushing;
    const acknowledged = results.filter((r) => r.status === 200).length;
    expect(acknowledged).toBeGreaterThanOrEqual(ARRIVALS / 2);
    expect(acknowledged).toBeLessThan(ARRIVALS);

    machine = new StartedMachine({ home, env });
    await machine.ready();
    // The camera re-sends what it was never told was received, and (lost replies) some it was.
    for (const capture of camera.sent) {
      const earlier = results.find((r) => r.capture?.id === capture.id);
      if (earlier?.status !== 200 || capture.id % 10 === 0) {
        const again = await camera.rePush(capture);
        expect(again.status).toBe(200);
      }
    }

    const session = await machine.session('enterprise-admin', GATEWAY_PORT);
    const deadline = Date.now() + 240_000;
    let passages: { id: string; plate?: string }[] = [];
    for (;;) {
      passages = await machine.passages(session, `limit=500&gateId=north&from=${encodeURIComponent(since)}`);
      if (passages.length >= ARRIVALS || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(passages).toHaveLength(ARRIVALS);
    expect(new Set(passages.map((p) => p.id)).size).toBe(ARRIVALS);
    // None twice: a little longer, still the same.
    await new Promise((r) => setTimeout(r, 5000));
    expect(
      await machine.passages(session, `limit=500&gateId=north&from=${encodeURIComponent(since)}`),
    ).toHaveLength(ARRIVALS);
    expect(await machine.interrupt()).toBe(0);
    machine = undefined;
  });
});
