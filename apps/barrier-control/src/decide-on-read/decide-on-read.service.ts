import { type EventEnvelope } from '@ecogate/contracts';
import { FatalError, type EventPublisher } from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';
import { type BarrierCommandService } from '../barrier-command/barrier-command.service';
import { type LaneDisplay } from '../display/display.port';
import { type ViolationPublisher } from '../events/violation-publisher';
import { type GateSettings } from '../gate-settings/gate-settings.port';
import { type LaneStates } from '../lane-state/lane-states';
import { type VehicleRegistry } from '../vehicles/vehicle-registry.port';
import { type BarrierDecided, decideOnRead, displayTextOf, stableUuid } from './decision-mapping';

const REMEMBERED_DECISIONS = 10_000;

/**
 * On `anpr.plate.read.v1`: advance the lane, flag tailgating and reversing, decide with the
 * domain's `decide`, publish `gate.barrier.decided.v1`, show it on the display and lift the
 * barrier when the lane allows. A redelivered read republishes the same decision (same id, same
 * event id) and never commands the barrier twice.
 */
export class DecideOnReadService {
  /** Decisions by read id, so a redelivery republishes the identical event. */
  private readonly decisions = new Map<string, BarrierDecided>();

  constructor(
    private readonly settings: GateSettings,
    private readonly vehicles: VehicleRegistry,
    private readonly lanes: LaneStates,
    private readonly publisher: EventPublisher,
    private readonly commands: BarrierCommandService,
    private readonly violations: ViolationPublisher,
    private readonly display: LaneDisplay,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(event: EventEnvelope<'anpr.plate.read.v1'>): Promise<BarrierDecided> {
    const read = event.payload;
    const { enterpriseId, laneId } = read.lane;
    const context = await this.settings.laneContext(enterpriseId, laneId);
    if (!context) throw new FatalError('unknown-lane', `lane ${laneId} of ${enterpriseId} is not configured`);
    const capturedAt = new Date(read.capturedAt);
    const plate = read.plate.text;
    const mode = context.lane.mode;

    const reversing = this.lanes.checkReversing({
      gateKey: `${enterpriseId}/${read.lane.siteId}/${read.lane.gateId}`,
      plate,
      direction: read.lane.direction,
      at: capturedAt,
    });
    if (reversing)
      await this.violations.publish(read.lane, { kind: 'reversing', ...reversing }, capturedAt, read.readId);

    const onRead = this.lanes.apply(enterpriseId, laneId, mode, {
      type: 'vehicle-read',
      plate,
      captureId: read.captureId,
      readId: read.readId,
      at: capturedAt,
    });
    for (const violation of onRead.violations) {
      await this.violations.publish(read.lane, violation, capturedAt, read.readId);
    }

    const remembered = this.decisions.get(read.readId);
    const decided =
      remembered ?? decideOnRead(read, context, await this.vehicles.find(enterpriseId, plate), this.now());
    this.remember(decided);
    await this.publisher.publish('gate.barrier.decided.v1', {
      enterpriseId,
      key: laneId,
      eventId: stableUuid(decided.decisionId),
      payload: decided,
    });
    this.log.info(
      { lane: laneId, decisionId: decided.decisionId, verdict: decided.verdict, reasons: decided.reasons },
      'barrier decided',
    );
    if (onRead.ignored && remembered) return decided; // a redelivery: already shown and acted on

    await this.display.show(read.lane, displayTextOf(decided));
    const onDecided = this.lanes.apply(enterpriseId, laneId, mode, {
      type: 'decided',
      captureId: read.captureId,
      decisionId: decided.decisionId,
      verdict: decided.verdict,
    });
    if (onDecided.openBarrier) {
      const commanded = await this.commands.execute({
        lane: read.lane,
        target: context.lane.barrier,
        action: 'open',
        trigger: 'decision',
        decisionId: decided.decisionId,
        plate,
      });
      this.lanes.apply(
        enterpriseId,
        laneId,
        mode,
        commanded?.outcome === 'failed'
          ? { type: 'command-failed' }
          : { type: 'barrier-opened', at: this.now() },
      );
    }
    return decided;
  }

  /** The decision taken on a read, while remembered (for operator actions on the vehicle in front). */
  decisionOf(readId: string): BarrierDecided | undefined {
    return this.decisions.get(readId);
  }

  private remember(decided: BarrierDecided): void {
    this.decisions.delete(decided.readId);
    this.decisions.set(decided.readId, decided);
    if (this.decisions.size > REMEMBERED_DECISIONS) {
      const oldest = this.decisions.keys().next().value;
      if (oldest !== undefined) this.decisions.delete(oldest);
    }
  }
}
