import {
  type BarrierCommand,
  BarrierCommandError,
  type BarrierDriver,
  type BarrierTarget,
} from '../barrier-driver';

type Target = Extract<BarrierTarget, { driver: 'vzenith-reply' }>;

export interface PendingReply {
  readonly action: 'open';
  readonly at: Date;
}

/**
 * Vzenith-protocol cameras open the barrier through the HTTP reply to their own push
 * (interfaces.md §4), so "sending" a command means recording that the lane's next reply says open.
 * camera-ingest's reply port asks `takeReply(enterpriseId, laneId)` while it answers the push (see
 * docs/barrier-control.md); a reply older than `ttlMs` is dropped so a stale open never lifts the
 * barrier for the next vehicle.
 */
export class VzenithReplyDriver implements BarrierDriver<Target> {
  readonly name = 'vzenith-reply' as const;
  private readonly pending = new Map<string, PendingReply>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(_target: Target, command: BarrierCommand): Promise<void> {
    if (command.action !== 'open') {
      throw new BarrierCommandError('unsupported', `vzenith-reply cannot ${command.action}`);
    }
    this.pending.set(key(command.lane.enterpriseId, command.lane.laneId), { action: 'open', at: this.now() });
  }

  /** The reply camera-ingest should send for this lane now; consumed once. */
  takeReply(enterpriseId: string, laneId: string): PendingReply | undefined {
    const k = key(enterpriseId, laneId);
    const reply = this.pending.get(k);
    this.pending.delete(k);
    if (!reply || this.now().getTime() - reply.at.getTime() > this.ttlMs) return undefined;
    return reply;
  }
}

const key = (enterpriseId: string, laneId: string): string => `${enterpriseId}\u0000${laneId}`;
