import { type Logger } from '@ecogate/telemetry';
import { type DeliveryRepository } from '../delivery/delivery.repository';
import { type PlatformAdapter } from '../platform/platform-adapter';
import { type PlatformStatus } from './platform-status';

/** Tells the platform every N seconds, per configured enterprise, that we are alive and how much waits. */
export class HeartbeatService {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapter: PlatformAdapter,
    private readonly deliveries: DeliveryRepository,
    private readonly status: PlatformStatus,
    private readonly enterpriseCodes: ReadonlyMap<string, string>,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
    void this.beat();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async beat(): Promise<void> {
    if (this.status.halted) return;
    try {
      const backlog = new Map(
        (await this.deliveries.backlogByEnterprise()).map((b) => [b.enterpriseId, b.count]),
      );
      for (const [enterpriseId, code] of this.enterpriseCodes) {
        await this.adapter.heartbeat(code, backlog.get(enterpriseId) ?? 0);
      }
      this.status.recordHeartbeat(true);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.status.recordHeartbeat(false, message);
      this.log.warn({ reason: message }, 'heartbeat failed');
    }
  }
}
