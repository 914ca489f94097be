import { type HeartbeatAck, heartbeatRequestSchema, formatIssues } from '@ecogate/platform-protocol';
import { PlatformException } from '../errors/platform.exception';
import { type LivenessTracker } from '../state/liveness-tracker';
import { type Transport } from '../state/record-store';
import { type SimulatorStats } from '../state/simulator-stats';
import { parseJsonBody } from './json-body';

/** Records a heartbeat (HTTP or TCP) and answers with the platform clock and the expected interval. */
export class HeartbeatService {
  constructor(
    private readonly liveness: LivenessTracker,
    private readonly stats: SimulatorStats,
  ) {}

  beat(
    rawBody: string | Uint8Array,
    via: Transport,
    nowMs: number,
    expectedEnterpriseCode?: string,
  ): HeartbeatAck {
    const parsed = heartbeatRequestSchema.safeParse(parseJsonBody(rawBody));
    if (!parsed.success) {
      this.stats.invalidRequests += 1;
      throw new PlatformException('invalid-request', formatIssues(parsed.error.issues));
    }
    const { enterpriseCode } = parsed.data;
    if (expectedEnterpriseCode !== undefined && enterpriseCode !== expectedEnterpriseCode) {
      throw new PlatformException(
        'session-mismatch',
        `enterpriseCode ${enterpriseCode} differs from the session's ${expectedEnterpriseCode}`,
      );
    }
    this.liveness.beat(enterpriseCode, via, nowMs);
    this.stats.heartbeats += 1;
    return { code: 0, serverTime: nowMs, heartbeatIntervalSeconds: this.liveness.heartbeatIntervalMs / 1000 };
  }
}
