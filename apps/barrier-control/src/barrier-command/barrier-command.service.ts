import { randomUUID } from 'node:crypto';
import { type LaneRef, type PayloadOf } from '@ecogate/contracts';
import { type EventPublisher } from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';
import { type BarrierAction, BarrierCommandError, type BarrierTarget } from '../drivers/barrier-driver';
import { type BarrierDrivers } from '../drivers/barrier-drivers';
import { stableId, stableUuid } from '../decide-on-read/decision-mapping';

export interface SendBarrierCommand {
  readonly lane: LaneRef;
  readonly target: BarrierTarget;
  readonly action: BarrierAction;
  readonly trigger: 'decision' | 'manual';
  readonly decisionId?: string;
  readonly operator?: { readonly id: string; readonly reason: string };
  readonly plate?: string;
}

export type BarrierCommanded = PayloadOf<'gate.barrier.commanded.v1'>;

/**
 * Sends one command through the lane's driver and publishes `gate.barrier.commanded.v1` with the
 * outcome, whether it worked or not: every barrier movement is audited with what triggered it.
 */
export class BarrierCommandService {
  constructor(
    private readonly drivers: BarrierDrivers,
    private readonly publisher: EventPublisher,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(command: SendBarrierCommand): Promise<BarrierCommanded | undefined> {
    if (command.target.driver === 'none') return undefined;
    // A decision opens its barrier once: the command id follows from the decision.
    const commandId =
      command.decisionId && command.trigger === 'decision'
        ? stableId('cmd', command.decisionId, command.action)
        : `cmd-${randomUUID()}`;
    let error: string | undefined;
    try {
      await this.drivers.send(command.target, {
        lane: command.lane,
        action: command.action,
        ...(command.plate ? { plate: command.plate } : {}),
      });
    } catch (caught) {
      if (!(caught instanceof BarrierCommandError)) throw caught;
      error = `${caught.code}: ${caught.message}`.slice(0, 500);
      this.log.warn({ lane: command.lane.laneId, commandId, err: caught }, 'barrier command failed');
    }
    const payload: BarrierCommanded = {
      commandId,
      ...(command.decisionId ? { decisionId: command.decisionId } : {}),
      lane: command.lane,
      action: command.action,
      driver: command.target.driver,
      trigger: command.trigger,
      ...(command.operator ? { operator: command.operator } : {}),
      outcome: error ? 'failed' : 'done',
      ...(error ? { error } : {}),
      at: this.now().toISOString(),
    };
    await this.publisher.publish('gate.barrier.commanded.v1', {
      enterpriseId: command.lane.enterpriseId,
      key: command.lane.laneId,
      payload,
      ...(command.trigger === 'decision' ? { eventId: stableUuid(commandId) } : {}),
    });
    return payload;
  }
}
