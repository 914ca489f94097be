import { CameraSimulator } from '@ecogate/camera-simulator';
import { DEMO_ENTERPRISE, DEMO_LANES, DEMO_SITE, DEMO_TRUCKS, DEMO_VISITORS } from './demo-city';
import { GatewaySession } from './gateway-session';
import { type DemoState } from './seed-demo';

/** camera-ingest's device-secret header (apps never import apps). */
const SECRET_HEADER = 'x-ecogate-device-secret';

export interface DemoTrafficOptions {
  readonly cameraPushUrl: string;
  readonly gatewayUrl: string;
  readonly state: DemoState;
  readonly intervalMs: number;
  readonly alertAfterMs: number;
  readonly report: (message: string) => void;
}

/**
 * The demo's trucks: one simulated Hikvision ANPR camera per lane (real sample photos, the
 * vendor's multipart push), which also serves its lane's ISAPI barrier; a truck every few
 * seconds, in through an entry lane and later out; the city raises an orange alert after a
 * minute, so low-stage trucks are refused.
 */
export class DemoTraffic {
  private readonly cameras = new Map<string, CameraSimulator>();
  private readonly inside = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private pushes = 0;

  constructor(private readonly options: DemoTrafficOptions) {
    // A camera numbers its captures from 1 again after a restart of the simulator; a serial of its
    // own per start keeps each capture's vendor key (UUID + count) new, as a real camera's are.
    const run = Date.now().toString(36);
    for (const camera of options.state.cameras)
      this.cameras.set(
        camera.laneId,
        new CameraSimulator({
          vendor: 'hikvision',
          pushUrl: `${options.cameraPushUrl}/push/hikvision/${camera.deviceId}`,
          headers: { [SECRET_HEADER]: camera.pushSecret },
          serial: `${camera.deviceId}-${run}`,
        }),
      );
  }

  /** Starts each camera's barrier endpoint: the lanes of barrier-control's gates file. */
  async barriers(): Promise<unknown> {
    const urls = new Map<string, string>();
    for (const [laneId, camera] of this.cameras) urls.set(laneId, await camera.start());
    return {
      enterprises: [
        {
          enterpriseId: DEMO_ENTERPRISE,
          cargoVolume: '10-or-more',
          alertLevel: 'none',
          lanes: DEMO_LANES.map((lane) => ({
            siteId: DEMO_SITE,
            gateId: lane.gateId,
            laneId: lane.laneId,
            direction: lane.direction,
            mode: lane.mode,
            barrier: { driver: 'hikvision-isapi', baseUrl: urls.get(lane.laneId) ?? '', channel: 1 },
          })),
          vehicles: [],
        },
      ],
    };
  }

  /** The alert starts at none each start and is raised after `alertAfterMs`; trucks come every `intervalMs`. */
  async start(): Promise<void> {
    const admin = await this.cityAdmin();
    const alert = (level: string, reason: string) =>
      admin.expect('PUT', `/api/ledger/v1/enterprises/${DEMO_ENTERPRISE}/alert-level`, { level, reason });
    await alert('none', '演示：无预警');
    this.timers.push(
      setTimeout(() => {
        alert('orange', '演示：橙色预警，国四及以下重型货车禁止通行').then(
          () => this.options.report('demo: the city raised an orange alert (trucks below 国五 are refused)'),
          (error: unknown) => this.options.report(`demo: raising the alert failed: ${String(error)}`),
        );
      }, this.options.alertAfterMs),
    );
    if (this.options.intervalMs === 0) return;
    this.timers.push(setInterval(() => void this.next(), this.options.intervalMs));
    await this.next();
  }

  get pushed(): number {
    return this.pushes;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await Promise.all([...this.cameras.values()].map((camera) => camera.stop()));
  }

  private async cityAdmin(): Promise<GatewaySession> {
    const account = this.options.state.accounts.find((a) => a.role === 'city-admin');
    if (!account) throw new Error('the demo has no city admin');
    const session = new GatewaySession(this.options.gatewayUrl);
    await session.login(account.username, account.password);
    return session;
  }

  /** One truck: out of the plant (if any is in, about half the time) or into it. */
  private async next(): Promise<void> {
    const leaving = this.inside.size > 0 && Math.random() < 0.45;
    const plate = leaving ? pick([...this.inside]) : this.arriving();
    const lanes = DEMO_LANES.filter((l) => l.direction === (leaving ? 'out' : 'in'));
    const lane = pick(lanes);
    const camera = this.cameras.get(lane.laneId);
    if (!plate || !camera) return;
    try {
      const result = await camera.arrive({ plate });
      this.pushes++;
      if (leaving) this.inside.delete(plate);
      else this.inside.add(plate);
      if (result.status !== 200) this.options.report(`demo: ${lane.laneId} push answered ${result.status}`);
    } catch (error) {
      this.options.report(`demo: ${lane.laneId} could not push (${String(error)})`);
    }
  }

  private arriving(): string | undefined {
    const outside = [...DEMO_TRUCKS.map((t) => t.plate), ...DEMO_VISITORS].filter((p) => !this.inside.has(p));
    return outside.length > 0 ? pick(outside) : undefined;
  }
}

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}
