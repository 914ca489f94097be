import { performance } from 'node:perf_hooks';
import { type CameraSimulator, type RecordedCommand } from '@ecogate/camera-simulator';

/**
 * When each barrier "open" reached a simulated camera's ISAPI endpoint. The simulator records
 * commands without a time, so the clock wraps `push` of that camera's own `commands` array (test side only).
 */
export class BarrierClock {
  private readonly opens: number[] = [];
  private waiters: { after: number; resolve: (at: number) => void }[] = [];

  constructor(camera: CameraSimulator) {
    const commands = camera.commands;
    const push = commands.push.bind(commands);
    commands.push = (...items: RecordedCommand[]): number => {
      for (const item of items) if (item.kind === 'barrier' && item.command === 'open') this.stamp();
      return push(...items);
    };
  }

  get count(): number {
    return this.opens.length;
  }

  /** Resolves with the time of the `index`-th open (0-based), or undefined after `timeoutMs`. */
  openAt(index: number, timeoutMs: number): Promise<number | undefined> {
    const known = this.opens[index];
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, timeoutMs);
      const waiter = {
        after: index,
        resolve: (at: number) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private stamp(): void {
    const at = performance.now();
    this.opens.push(at);
    const index = this.opens.length - 1;
    const ready = this.waiters.filter((w) => w.after === index);
    this.waiters = this.waiters.filter((w) => w.after !== index);
    for (const w of ready) w.resolve(at);
  }
}
