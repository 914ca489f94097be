import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { FatalError, type EventPublisher } from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';
import { type BarrierCommandService } from '../barrier-command/barrier-command.service';
import { type LaneDisplay } from '../display/display.port';
import { type ViolationPublisher } from '../events/violation-publisher';
import { type GateSettings, type LaneContext } from '../gate-settings/gate-settings.port';
import { type LaneStates } from '../lane-state/lane-states';
import { fusionOutcomes } from '../read-fusion/fusion.metrics';
import { awaitsServerRead, type CaptureReads, fuseCapture, withRead } from '../read-fusion/capture-reads';
import { type VehicleRegistry } from '../vehicles/vehicle-registry.port';
import { type BarrierDecided, decideOnRead, displayTextOf, stableUuid } from './decision-mapping';

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;

const REMEMBERED_DECISIONS = 10_000;

/** The capture a lane is deciding on (one per lane: the vehicle in front). */
interface LaneCapture {
  reads: CaptureReads;
  readonly context: LaneContext;
  acted: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * On `anpr.plate.read.v1`: advance the lane, flag tailgating and reversing, fuse the camera's and
 * the server's read of the capture, decide with the domain's `decide`, publish
 * `gate.barrier.decided.v1`, show it on the display and lift the barrier when the lane allows.
 *
 * Fusion: a camera read alone is held up to `fusionWaitMs` for the server's read of the same
 * capture; the lane then acts on `fuseReads`' result (agree → the trusted text, disagree →
 * needs-review with `readers-disagree`), or on the camera alone when the wait runs out. A server
 * read alone is acted on at once. A read arriving after the lane acted only matters while the lane
 * waits for review of that capture: if the fused result is now trusted, a new decision settles it.
 *
 * A redelivered read republishes the same decision (same id, same event id) and never commands the
 * barrier twice.
 */
export class DecideOnReadService {
  /** Decisions by the id of every read that fed them, so a redelivery republishes the identical event. */
  private readonly decisions = new Map<string, BarrierDecided>();
  private readonly captures = new Map<string, LaneCapture>();

  constructor(
    private readonly settings: GateSettings,
    private readonly vehicles: VehicleRegistry,
    private readonly lanes: LaneStates,
    private readonly publisher: EventPublisher,
    private readonly commands: BarrierCommandService,
    private readonly violations: ViolationPublisher,
    private readonly display: LaneDisplay,
    private readonly log: Logger,
    private readonly fusionWaitMs = 0,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Resolves with the decision taken on this read now, or `undefined` when it is held or changed nothing. */
  async execute(event: EventEnvelope<'anpr.plate.read.v1'>): Promise<BarrierDecided | undefined> {
    const read = event.payload;
    const { enterpriseId, laneId } = read.lane;
    const context = await this.settings.laneContext(enterpriseId, laneId);
    if (!context) throw new FatalError('unknown-lane', `lane ${laneId} of ${enterpriseId} is not configured`);
    return this.lanes.exclusive(enterpriseId, laneId, () => this.onRead(read, context));
  }

  /** The decision taken on a read, while remembered (for operator actions on the vehicle in front). */
  decisionOf(readId: string): BarrierDecided | undefined {
    return this.decisions.get(readId);
  }

  /** Decides every held capture now (on shutdown), so no vehicle is left without a decision. */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.captures.values()].map((capture) =>
        this.exclusive(capture, async () => {
          if (!capture.acted) await this.act(capture, heldRead(capture.reads));
        }),
      ),
    );
  }

  private async onRead(read: PlateRead, context: LaneContext): Promise<BarrierDecided | undefined> {
    const remembered = this.decisions.get(read.readId);
    if (remembered) {
      await this.publishDecision(remembered); // a redelivery: already shown and acted on
      return remembered;
    }
    const key = laneKey(read);
    const previous = this.captures.get(key);
    // The next vehicle: the one before it is decided now on what it has, before the lane moves on.
    if (previous && previous.reads.captureId !== read.captureId && !previous.acted) {
      await this.act(previous, heldRead(previous.reads));
    }
    await this.advanceLane(read, context);

    const capture: LaneCapture =
      previous?.reads.captureId === read.captureId
        ? previous
        : { reads: { captureId: read.captureId, server: [] }, context, acted: false };
    capture.reads = withRead(capture.reads, read);
    this.captures.set(key, capture);

    if (!capture.acted) {
      if (awaitsServerRead(capture.reads) && this.fusionWaitMs > 0) {
        capture.timer ??= setTimeout(() => this.onWaitOver(capture), this.fusionWaitMs);
        return undefined;
      }
      return this.act(capture, read);
    }
    return this.settleReview(capture, read);
  }

  private onWaitOver(capture: LaneCapture): void {
    this.exclusive(capture, async () => {
      if (!capture.acted) await this.act(capture, heldRead(capture.reads));
    }).catch((err: unknown) =>
      this.log.error(
        { lane: capture.context.lane.ref.laneId, captureId: capture.reads.captureId, err },
        'held read not decided',
      ),
    );
  }

  /** A late read of a capture already acted on settles it only while the lane waits for review of it. */
  private async settleReview(capture: LaneCapture, read: PlateRead): Promise<BarrierDecided | undefined> {
    const state = this.lanes.get(read.lane.enterpriseId, read.lane.laneId);
    const waiting =
      state?.phase === 'decided' &&
      state.vehicle?.captureId === read.captureId &&
      state.vehicle.verdict === 'needs-review';
    if (waiting && fuseCapture(capture.reads, read).fusion.verdict === 'trusted')
      return this.act(capture, read);
    this.log.info(
      { lane: read.lane.laneId, captureId: read.captureId, readId: read.readId, source: read.source },
      'late read of a capture already decided: nothing to change',
    );
    return undefined;
  }

  /** Reversing and the lane's read event (tailgating), published as violations. */
  private async advanceLane(read: PlateRead, context: LaneContext): Promise<void> {
    const { enterpriseId, laneId } = read.lane;
    const capturedAt = new Date(read.capturedAt);
    const reversing = this.lanes.checkReversing({
      gateKey: `${enterpriseId}/${read.lane.siteId}/${read.lane.gateId}`,
      plate: read.plate.text,
      direction: read.lane.direction,
      at: capturedAt,
    });
    if (reversing)
      await this.violations.publish(read.lane, { kind: 'reversing', ...reversing }, capturedAt, read.readId);
    const onRead = this.lanes.apply(enterpriseId, laneId, context.lane.mode, {
      type: 'vehicle-read',
      plate: read.plate.text,
      captureId: read.captureId,
      readId: read.readId,
      at: capturedAt,
    });
    for (const violation of onRead.violations) {
      await this.violations.publish(read.lane, violation, capturedAt, read.readId);
    }
  }

  /** Fuse, decide, publish, display and (when the lane allows) lift the barrier. */
  private async act(capture: LaneCapture, deciding: PlateRead): Promise<BarrierDecided> {
    capture.acted = true;
    clearTimeout(capture.timer);
    const { context } = capture;
    const { lane } = deciding;
    const fused = fuseCapture(capture.reads, deciding);
    const plate = fused.read.plate.text;
    const decided = decideOnRead(
      fused.read,
      context,
      await this.vehicles.find(lane.enterpriseId, plate),
      this.now(),
      fused.fusion,
    );
    fusionOutcomes.add(1, { outcome: fused.fusion.outcome });
    if (fused.fusion.outcome === 'disagree') {
      this.log.warn(
        {
          lane: lane.laneId,
          captureId: deciding.captureId,
          camera: fused.fusion.camera?.text,
          server: fused.fusion.server?.text,
        },
        'camera and server read different plates: sent to review',
      );
    }
    for (const read of [capture.reads.camera, ...capture.reads.server]) {
      if (read) this.remember(read.readId, decided);
    }
    await this.publishDecision(decided);
    this.log.info(
      {
        lane: lane.laneId,
        decisionId: decided.decisionId,
        verdict: decided.verdict,
        reasons: decided.reasons,
        fusion: fused.fusion.outcome,
      },
      'barrier decided',
    );
    await this.display.show(lane, displayTextOf(decided));
    const mode = context.lane.mode;
    const onDecided = this.lanes.apply(lane.enterpriseId, lane.laneId, mode, {
      type: 'decided',
      captureId: deciding.captureId,
      decisionId: decided.decisionId,
      verdict: decided.verdict,
    });
    if (onDecided.openBarrier) {
      const commanded = await this.commands.execute({
        lane,
        target: context.lane.barrier,
        action: 'open',
        trigger: 'decision',
        decisionId: decided.decisionId,
        plate,
      });
      this.lanes.apply(
        lane.enterpriseId,
        lane.laneId,
        mode,
        commanded?.outcome === 'failed'
          ? { type: 'command-failed' }
          : { type: 'barrier-opened', at: this.now() },
      );
    }
    return decided;
  }

  private exclusive<T>(capture: LaneCapture, work: () => Promise<T>): Promise<T> {
    const { enterpriseId, laneId } = capture.context.lane.ref;
    return this.lanes.exclusive(enterpriseId, laneId, work);
  }

  private async publishDecision(decided: BarrierDecided): Promise<void> {
    await this.publisher.publish('gate.barrier.decided.v1', {
      enterpriseId: decided.lane.enterpriseId,
      key: decided.lane.laneId,
      eventId: stableUuid(decided.decisionId),
      payload: decided,
    });
  }

  private remember(readId: string, decided: BarrierDecided): void {
    this.decisions.delete(readId);
    this.decisions.set(readId, decided);
    if (this.decisions.size > REMEMBERED_DECISIONS) {
      const oldest = this.decisions.keys().next().value;
      if (oldest !== undefined) this.decisions.delete(oldest);
    }
  }
}

const laneKey = (read: PlateRead): string => `${read.lane.enterpriseId}\u0000${read.lane.laneId}`;

/** The read a held capture is decided on when the wait runs out: the camera's (it is what was held). */
function heldRead(reads: CaptureReads): PlateRead {
  const read = reads.camera ?? reads.server[0];
  if (!read) throw new Error(`capture ${reads.captureId} has no read`);
  return read;
}
