import { parseEnterpriseId } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { type OutageDetector } from './outage-detector';

/** Runs the outage scan for each recorded enterprise every `scanMs`, one pass at a time. */
export class OutageScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly detector: OutageDetector,
    private readonly enterprises: () => readonly string[],
    private readonly scanMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.scanNow(), this.scanMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over every enterprise (chained after a pass in progress). */
  scanNow(): Promise<void> {
    this.running = this.running.then(async () => {
      for (const enterprise of this.enterprises()) {
        try {
          await this.detector.scan(parseEnterpriseId(enterprise));
        } catch (error) {
          this.logger.error({ enterpriseId: enterprise, err: error }, 'outage scan failed');
        }
      }
    });
    return this.running;
  }
}
