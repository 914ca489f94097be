import { type OnvifClient } from '@ecogate/onvif';
import { type Logger, meter } from '@ecogate/telemetry';
import { WakeableSleeps } from '../supervision/wakeable-sleeps';
import { type LoadingAreaCamera } from './loading-area-camera.repository';

const snapshotFailures = meter('camera-ingest').createCounter(
  'camera_ingest_loading_area_snapshot_failures_total',
  {
    description: 'Scheduled loading-area snapshots that could not be taken or stored',
  },
);

export interface LoadingAreaLoopDeps {
  readonly periodMs: number;
  readonly connect: (camera: LoadingAreaCamera) => Promise<OnvifClient>;
  /** Stores and publishes one frame; `frameKey` identifies it (same key, same event). */
  readonly publish: (
    camera: LoadingAreaCamera,
    bytes: Buffer,
    frameKey: string,
    at: Date,
  ) => Promise<unknown>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * Takes one snapshot of a loading-area camera per period, on the period's boundaries (so every
 * camera's slot, and with it the frame's id, is the same after a restart). A failure is logged and
 * counted and the next slot tries again with a fresh login; the camera's health is the ONVIF
 * supervisor's to report.
 */
export class LoadingAreaSnapshotLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private client: OnvifClient | undefined;
  private readonly sleeps = new WakeableSleeps();
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(
    readonly device: LoadingAreaCamera,
    private readonly deps: LoadingAreaLoopDeps,
  ) {
    this.logger = deps.logger.child({ deviceId: device.id, enterpriseId: device.enterpriseId });
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.sleeps.wakeAll();
    await this.loop;
  }

  /** Takes the current slot's frame now (the loop calls this once per period). */
  async takeSnapshot(): Promise<void> {
    const at = this.now();
    const slot = Math.floor(at.getTime() / this.deps.periodMs) * this.deps.periodMs;
    try {
      this.client ??= await this.deps.connect(this.device);
      const bytes = await this.client.snapshot();
      await this.deps.publish(this.device, bytes, `schedule|${new Date(slot).toISOString()}`, at);
    } catch (error) {
      this.client = undefined;
      snapshotFailures.add(1);
      this.logger.warn({ err: error }, 'loading-area snapshot failed; the next period tries again');
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.takeSnapshot();
      const elapsed = this.now().getTime() % this.deps.periodMs;
      if (this.running) await this.sleeps.sleep(this.deps.periodMs - elapsed);
    }
  }
}
