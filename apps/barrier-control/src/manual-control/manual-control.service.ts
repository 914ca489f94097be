import { type EventPublisher } from '@ecogate/messaging';
import { z } from 'zod';
import {
  type BarrierCommandService,
  type BarrierCommanded,
} from '../barrier-command/barrier-command.service';
import { type BarrierDecided, stableId, stableUuid } from '../decide-on-read/decision-mapping';
import { type DecideOnReadService } from '../decide-on-read/decide-on-read.service';
import { BarrierControlException } from '../errors/barrier-control.exception';
import { type GateSettings } from '../gate-settings/gate-settings.port';
import { type LaneStates } from '../lane-state/lane-states';
import { ManualOutcomes } from './manual-outcomes';

export const manualCommandSchema = z.strictObject({
  action: z.enum(['release', 'refuse']),
  reason: z.string().trim().min(1).max(200),
});

export interface ManualCommand extends z.infer<typeof manualCommandSchema> {
  readonly operatorId: string;
  /** The client's `Idempotency-Key`: a retry of the same action carries the same one. */
  readonly idempotencyKey: string;
}

export interface ManualOutcome {
  readonly decision?: BarrierDecided;
  readonly command?: BarrierCommanded;
}

/**
 * An operator releases or refuses the vehicle at a lane, always with a reason. Both are audited as
 * events: a `gate.barrier.decided.v1` with `operator` and reason `manual` for the vehicle in front,
 * and for a release the `gate.barrier.commanded.v1` of the barrier (trigger `manual`). A release
 * with no vehicle in front only lifts the barrier (still audited).
 *
 * Idempotent by the client's key: the decision id follows from (enterprise, lane, key), and a
 * retried request is answered with the stored outcome without deciding or commanding again.
 */
export class ManualControlService {
  constructor(
    private readonly settings: GateSettings,
    private readonly lanes: LaneStates,
    private readonly decisions: DecideOnReadService,
    private readonly publisher: EventPublisher,
    private readonly commands: BarrierCommandService,
    private readonly now: () => Date = () => new Date(),
    private readonly outcomes = new ManualOutcomes<ManualOutcome>(() => now().getTime()),
  ) {}

  async execute(enterpriseId: string, laneId: string, command: ManualCommand): Promise<ManualOutcome> {
    const scope = [enterpriseId, laneId, command.idempotencyKey];
    const request = { action: command.action, reason: command.reason, operatorId: command.operatorId };
    // Looked up inside the lane's queue: a retry racing its original waits for it, then replays it.
    return this.lanes.exclusive(enterpriseId, laneId, async () => {
      const replayed = this.outcomes.replay(scope, request);
      if (replayed) return replayed;
      const outcome = await this.perform(enterpriseId, laneId, command);
      this.outcomes.remember(scope, request, outcome);
      return outcome;
    });
  }

  private async perform(
    enterpriseId: string,
    laneId: string,
    command: ManualCommand,
  ): Promise<ManualOutcome> {
    const context = await this.settings.laneContext(enterpriseId, laneId);
    if (!context)
      throw new BarrierControlException(
        'lane-not-found',
        `lane ${laneId} of ${enterpriseId} is not configured`,
      );
    const operator = { id: command.operatorId, reason: command.reason };
    const vehicle = this.lanes.get(enterpriseId, laneId)?.vehicle;
    const base = vehicle && this.decisions.decisionOf(vehicle.readId);
    if (command.action === 'refuse' && !base) {
      throw new BarrierControlException('no-vehicle-at-lane', 'no vehicle waits at this lane to refuse');
    }
    const verdict = command.action === 'release' ? 'allow' : 'deny';
    const now = this.now();
    // The same request retried is the same decision: the ledger records a decision id once.
    const decisionId = stableId('man', enterpriseId, laneId, command.idempotencyKey);
    const decision: BarrierDecided | undefined = base && {
      ...base,
      decisionId,
      decidedAt: now.toISOString(),
      verdict,
      reasons: ['manual'],
      operator,
      message: {
        zh: `${base.plate.text}：${verdict === 'allow' ? '人工放行' : '人工拒绝'}（${command.operatorId}）：${command.reason}`.slice(
          0,
          200,
        ),
        en: `${base.plate.text}: ${verdict === 'allow' ? 'released' : 'refused'} by ${command.operatorId}: ${command.reason}`.slice(
          0,
          300,
        ),
      },
    };
    if (decision) {
      await this.publisher.publish('gate.barrier.decided.v1', {
        enterpriseId,
        key: laneId,
        eventId: stableUuid(decisionId),
        payload: decision,
      });
    }
    const transition = this.lanes.apply(enterpriseId, laneId, context.lane.mode, {
      type: 'manual',
      decisionId,
      verdict,
      at: now,
    });
    if (!transition.openBarrier) return decision ? { decision } : {};
    const commanded = await this.commands.execute({
      lane: context.lane.ref,
      target: context.lane.barrier,
      action: 'open',
      trigger: 'manual',
      operator,
      ...(decision ? { decisionId: decision.decisionId, plate: decision.plate.text } : {}),
    });
    this.lanes.apply(
      enterpriseId,
      laneId,
      context.lane.mode,
      commanded?.outcome === 'failed'
        ? { type: 'command-failed' }
        : { type: 'barrier-opened', at: this.now() },
    );
    return { ...(decision ? { decision } : {}), ...(commanded ? { command: commanded } : {}) };
  }
}
