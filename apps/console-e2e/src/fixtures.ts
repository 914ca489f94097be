import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Arrival, CameraSimulator, type PushResult } from '@ecogate/camera-simulator';
import { expect, type Page, test as base } from '@playwright/test';
import { type DemoAccount, demoAccount, PORTS } from './machine';

interface DemoCamera {
  readonly laneId: string;
  readonly deviceId: string;
  readonly pushSecret: string;
}

interface Fixtures {
  /** The machine's home (ECOGATE_HOME), set by the global setup. */
  readonly home: string;
  account(role: string): DemoAccount;
  /** Signs in through the login page, as a person does, and waits for the first page. */
  signIn(page: Page, role: string): Promise<DemoAccount>;
  /** The demo lane's simulated ANPR camera: pushes the vendor's payload with a real photo. */
  camera(laneId: string): LaneCamera;
}

/**
 * barrier-control treats a second vehicle within a lane's open cycle (15 s when the barrier reports
 * no close, as the simulated ones do) as a tailgater and lifts nothing for it. Trucks in these
 * tests come one per cycle, as at a real gate, so each flow sees its own barrier lift.
 */
const LANE_CYCLE_MS = 16_000;

class LaneCamera {
  private lastArrival = 0;

  constructor(private readonly simulator: CameraSimulator) {}

  async arrive(arrival: Arrival): Promise<PushResult> {
    const wait = this.lastArrival + LANE_CYCLE_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastArrival = Date.now();
    return this.simulator.arrive(arrival);
  }
}

const cameras = new Map<string, LaneCamera>();

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  home: async ({}, use) => {
    const home = process.env['ECOGATE_E2E_HOME'];
    if (!home) throw new Error('ECOGATE_E2E_HOME is unset: run through `npm run test:console`');
    await use(home);
  },
  account: async ({ home }, use) => {
    await use((role) => demoAccount(home, role));
  },
  signIn: async ({ home }, use) => {
    await use(async (page, role) => {
      const account = demoAccount(home, role);
      await page.goto('/login');
      await page.getByLabel('用户名').fill(account.username);
      await page.getByLabel('密码').fill(account.password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await expect(page.getByTestId('account-name')).toBeVisible();
      return account;
    });
  },
  camera: async ({ home }, use) => {
    const state = JSON.parse(readFileSync(join(home, 'secrets', 'demo.json'), 'utf8')) as {
      cameras: DemoCamera[];
    };
    await use((laneId) => {
      const known = cameras.get(laneId);
      if (known) return known;
      const device = state.cameras.find((c) => c.laneId === laneId);
      if (!device) throw new Error(`the demo has no camera on ${laneId}`);
      const camera = new LaneCamera(
        new CameraSimulator({
          vendor: 'hikvision',
          pushUrl: `http://127.0.0.1:${PORTS.ECOGATE_CAMERA_PORT}/push/hikvision/${device.deviceId}`,
          headers: { 'x-ecogate-device-secret': device.pushSecret },
          // Each run numbers its captures afresh: a serial of its own keeps the vendor's keys new.
          serial: `${device.deviceId}-e2e-${Date.now().toString(36)}`,
        }),
      );
      cameras.set(laneId, camera);
      return camera;
    });
  },
});

export { expect };
