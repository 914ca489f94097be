import { type Logger } from '@ecogate/telemetry';

/** A registry row a supervisor runs for; a new `version` means the row was edited. */
export interface SupervisedDevice {
  readonly id: string;
  readonly version: string;
}

/** Keeps one device watched until stopped. */
export interface Supervisor<D extends SupervisedDevice> {
  readonly device: D;
  start(): void;
  stop(): Promise<void>;
}

export interface DeviceSupervisionOptions<D extends SupervisedDevice, S extends Supervisor<D>> {
  /** The devices to supervise now, read from the registry. */
  readonly list: () => Promise<D[]>;
  /** A new (not yet started) supervisor; `replaced` is the stopped one of the same device after an edit. */
  readonly supervise: (device: D, replaced: S | undefined) => S;
  readonly refreshMs: number;
  readonly logger: Logger;
  /** What the log says when the registry cannot be read. */
  readonly listFailedMessage: string;
}

/**
 * One supervisor per device the registry lists, re-read every `refreshMs` so added, edited (new
 * `version`) and removed devices are picked up without a restart. Refreshes never overlap.
 */
export class DeviceSupervision<D extends SupervisedDevice, S extends Supervisor<D>> {
  private readonly supervisors = new Map<string, S>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeviceSupervisionOptions<D, S>) {}

  start(): void {
    this.refreshing = this.refresh();
    this.timer = setInterval(() => {
      this.refreshing = this.refreshing.then(() => this.refresh());
    }, this.options.refreshMs);
  }

  /** Stops re-reading, lets a refresh in progress finish, then stops every supervisor. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.supervisors.values()].map((supervisor) => supervisor.stop()));
    this.supervisors.clear();
  }

  /** The devices supervised now. */
  get deviceIds(): readonly string[] {
    return [...this.supervisors.keys()];
  }

  /** Starts, restarts and stops supervisors to match the registry. */
  async refresh(): Promise<void> {
    let devices: D[];
    try {
      devices = await this.options.list();
    } catch (error) {
      this.options.logger.error({ err: error }, this.options.listFailedMessage);
      return;
    }
    const wanted = new Map(devices.map((device) => [device.id, device]));
    const replaced = new Map<string, S>();
    for (const [id, running] of this.supervisors) {
      if (wanted.get(id)?.version === running.device.version) continue;
      this.supervisors.delete(id);
      await running.stop();
      if (wanted.has(id)) replaced.set(id, running);
    }
    for (const device of devices) {
      if (this.supervisors.has(device.id)) continue;
      const supervisor = this.options.supervise(device, replaced.get(device.id));
      this.supervisors.set(device.id, supervisor);
      supervisor.start();
    }
  }
}
