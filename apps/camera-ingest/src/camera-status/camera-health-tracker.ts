import { type Logger } from '@ecogate/telemetry';
import {
  type HealthInput,
  type HealthSettings,
  type HealthState,
  nextHealth,
  type StatusChange,
} from './camera-health';

/**
 * One camera's health as its supervisor follows it: every input goes through the debounce, and
 * every status change that results is logged and published. A change that cannot be published is
 * logged and dropped; the supervisor goes on watching the camera.
 */
export class CameraHealthTracker {
  constructor(
    private current: HealthState,
    private readonly settings: HealthSettings,
    private readonly publish: (change: StatusChange) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  get state(): HealthState {
    return this.current;
  }

  async apply(input: HealthInput, at: Date): Promise<void> {
    const next = nextHealth(this.current, input, this.settings, at);
    this.current = next.state;
    for (const change of next.changes) {
      this.logger.info(
        { status: change.status, reason: change.reason, clockDriftMs: change.clockDriftMs },
        'camera status changed',
      );
      try {
        await this.publish(change);
      } catch (error) {
        this.logger.error({ err: error, status: change.status }, 'could not publish a camera status change');
      }
    }
  }
}
