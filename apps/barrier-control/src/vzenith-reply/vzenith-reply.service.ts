import { meter } from '@ecogate/telemetry';
import { type VzenithReplyDriver } from '../drivers/vzenith-reply/vzenith-reply.driver';
import { BarrierControlException } from '../errors/barrier-control.exception';
import { type GateSettings } from '../gate-settings/gate-settings.port';
import { type LaneStates } from '../lane-state/lane-states';
import { type VzenithReplyAnswer } from './vzenith-reply.schemas';

export interface VzenithReplyOptions {
  /** How long a question waits for the capture's decision; the camera is waiting for its reply. */
  readonly waitMs: number;
  readonly pollMs?: number;
}

const answers = meter('barrier-control').createCounter('barrier_vzenith_replies_total', {
  description: 'Vzenith push-reply questions by outcome (open, closed, undecided)',
});

/**
 * Answers camera-ingest, while it holds a Vzenith camera's push open, whether the reply lifts the
 * barrier: it waits (briefly) until the lane has decided on that capture, then takes the lane's
 * pending open from `VzenithReplyDriver`. Not decided in time means closed: the camera would
 * rather keep the barrier down than open for a vehicle nobody admitted.
 */
export class VzenithReplyService {
  constructor(
    private readonly settings: GateSettings,
    private readonly lanes: LaneStates,
    private readonly driver: VzenithReplyDriver,
    private readonly options: VzenithReplyOptions,
  ) {}

  async answer(enterpriseId: string, laneId: string, captureId: string): Promise<VzenithReplyAnswer> {
    const context = await this.settings.laneContext(enterpriseId, laneId);
    if (!context) {
      throw new BarrierControlException(
        'lane-not-found',
        `lane ${laneId} of ${enterpriseId} is not configured`,
      );
    }
    // A lane whose barrier is driven otherwise never opens through a camera reply.
    if (context.lane.barrier.driver !== 'vzenith-reply') return this.result(captureId, 'closed');
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const outcome = this.settled(enterpriseId, laneId, captureId);
      if (outcome) return this.result(captureId, outcome);
      if (Date.now() >= deadline) return this.result(captureId, 'undecided');
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 20));
    }
  }

  private settled(enterpriseId: string, laneId: string, captureId: string): 'open' | 'closed' | undefined {
    const state = this.lanes.get(enterpriseId, laneId);
    if (state?.vehicle?.captureId !== captureId) return undefined;
    if (this.driver.takeReply(enterpriseId, laneId)) return 'open';
    // Always-open lanes send no command, yet the camera lifts the barrier only on "ok".
    if (state.mode === 'always-open' && state.phase === 'open') return 'open';
    if (state.phase === 'closed') return 'closed';
    return undefined;
  }

  private result(captureId: string, outcome: VzenithReplyAnswer['outcome']): VzenithReplyAnswer {
    answers.add(1, { outcome });
    return { captureId, open: outcome === 'open', outcome };
  }
}
