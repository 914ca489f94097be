import { randomUUID } from 'node:crypto';
import { type DeviceNotification } from './onvif-responses';

interface PullPoint {
  readonly id: string;
  terminatesAt: number;
  readonly queue: DeviceNotification[];
  waiter?: () => void;
}

/** The device's pull-point subscriptions: queues, expiry, and pulls that wait for a message. */
export class SimulatedPullPoints {
  private readonly points = new Map<string, PullPoint>();
  renewals = 0;

  constructor(private readonly maxTtlMs: number) {}

  create(now: number, requestedMs: number): { id: string; terminatesAt: number } {
    const point: PullPoint = {
      id: randomUUID(),
      terminatesAt: now + Math.min(requestedMs, this.maxTtlMs),
      queue: [],
    };
    this.points.set(point.id, point);
    return point;
  }

  /** Undefined when the subscription is unknown or has expired (then it is dropped). */
  live(id: string, now: number): { terminatesAt: number } | undefined {
    const point = this.points.get(id);
    if (point && point.terminatesAt < now) this.remove(id);
    return this.points.get(id);
  }

  renew(id: string, now: number, requestedMs: number): number | undefined {
    const point = this.live(id, now);
    if (!point) return undefined;
    const renewed = this.points.get(id);
    if (!renewed) return undefined;
    renewed.terminatesAt = now + Math.min(requestedMs, this.maxTtlMs);
    this.renewals += 1;
    return renewed.terminatesAt;
  }

  remove(id: string): void {
    const point = this.points.get(id);
    this.points.delete(id);
    point?.waiter?.();
  }

  clear(): void {
    for (const id of [...this.points.keys()]) this.remove(id);
  }

  get size(): number {
    return this.points.size;
  }

  publish(message: DeviceNotification): void {
    for (const point of this.points.values()) {
      point.queue.push(message);
      point.waiter?.();
    }
  }

  /** Waits up to `waitMs` for at least one message, then takes up to `limit`. */
  async pull(id: string, waitMs: number, limit: number): Promise<DeviceNotification[]> {
    const point = this.points.get(id);
    if (!point) return [];
    if (point.queue.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          point.waiter = undefined;
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        point.waiter = done;
      });
    }
    return point.queue.splice(0, limit);
  }
}
