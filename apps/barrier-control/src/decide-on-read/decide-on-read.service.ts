import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { FatalError, type EventPublisher, isDependencyUnavailable } from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';
import { type BarrierCommandService } from '../barrier-command/barrier-command.service';
import { type LaneDisplay } from '../display/display.port';
import { type StoredCapture, type StoredOpen } from '../durable/barrier-store.port';
import { type ViolationPublisher } from '../events/violation-publisher';
import { type GateSettings, type LaneContext } from '../gate-settings/gate-settings.port';
import { type LaneStates } from '../lane-state/lane-states';
import { fusionOutcomes } from '../read-fusion/fusion.metrics';
import { awaitsServerRead, type CaptureReads, fuseCapture, withRead } from '../read-fusion/capture-reads';
import { type VehicleRegistry } from '../vehicles/vehicle-registry.port';
import { type BarrierDecided, decideOnRead, displayTextOf, stableUuid } from './decision-mapping';
import { recordLaneLatency } from './lane-latency.metrics';

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;

const REMEMBERED_DECISIONS = 10_000;
/** A held read whose decision found a dependency away (no redelivery will come): tried again after this. */
const HELD_RETRY_MS = 1_000;

/** A decision published whose storing, display or barrier open did not finish (a dependency failed). */
interface Unfinished {
  readonly openBarrier: boolean;
  readonly plate: string;
  stored: boolean;
  /** Set before the driver is called: the open is at most once, as across a restart. */
  commanding: boolean;
}

/** The capture a lane is deciding on (one per lane: the vehicle in front); stored as `StoredCapture`. */
interface LaneCapture {
  reads: CaptureReads;
  readonly context: LaneContext;
  readonly seenAt: Date;
  acted: boolean;
  heldUntil?: Date;
  decision?: BarrierDecided;
  decidedReadIds: string[];
  open?: StoredOpen;
  timer?: NodeJS.Timeout;
  unfinished?: Unfinished;
}

/**
 * On `anpr.plate.read.v1`: advance the lane, flag tailgating, cutting in, reversing and U-turns,
 * fuse the camera's and the server's read of the capture, decide with the domain's `decide`, publish
 * `gate.barrier.decided.v1`, show it on the display and lift the barrier when the lane allows.
 *
 * Fusion: a camera read alone is held up to `fusionWaitMs` for the server's read of the same
 * capture; the lane then acts on `fuseReads`' result (agree → the trusted text, disagree →
 * needs-review with `readers-disagree`), or on the camera alone when the wait runs out. A server
 * read alone is acted on at once. A read arriving after the lane acted only matters while the lane
 * waits for review of that capture: if the fused result is now trusted, a new decision settles it.
 *
 * A redelivered read republishes the same decision (same id, same event id) and never commands the
 * barrier twice, also after a restart: captures (held reads, decisions, the barrier's open) are
 * written to the lanes' store (`LaneStates.store`) before a read counts as handled, and `resume`
 * picks them up at start.
 *
 * A dependency away mid-read (the store's database, the vehicle registry) fails the read, and the
 * consumer retries it without limit (ADR 0005). Nothing changes before the decision is taken, and
 * what follows a published decision (store, display, open) resumes where it stopped: the retried
 * read republishes the same decision and finishes, so the barrier still opens, once.
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

  /**
   * At start, before reads are consumed: restores lane states and the vehicle in front of each lane
   * with its decision; a held read is decided when its wait runs out (at once if it already has).
   */
  async resume(): Promise<void> {
    await this.lanes.restore();
    for (const stored of await this.lanes.store.currentCaptures()) {
      const context = await this.settings.laneContext(stored.enterpriseId, stored.laneId);
      if (!context) continue; // the lane was removed from the configuration
      const capture: LaneCapture = {
        reads: stored.reads,
        context,
        seenAt: stored.seenAt,
        acted: stored.decision !== undefined,
        ...(stored.heldUntil ? { heldUntil: stored.heldUntil } : {}),
        ...(stored.decision ? { decision: stored.decision } : {}),
        decidedReadIds: [...stored.decidedReadIds],
        ...(stored.open ? { open: stored.open } : {}),
      };
      this.captures.set(`${stored.enterpriseId}\u0000${stored.laneId}`, capture);
      const { decision } = stored;
      if (decision) for (const readId of stored.decidedReadIds) this.remember(readId, decision);
      if (stored.open?.outcome === 'pending') {
        // At most once: the driver may or may not have moved the barrier; a person releases the vehicle if not.
        this.log.warn(
          { lane: stored.laneId, captureId: stored.captureId, decisionId: stored.open.decisionId },
          'stopped while commanding the barrier: the open is not repeated',
        );
      }
      if (!capture.acted) {
        const waitMs = Math.max(0, (capture.heldUntil?.getTime() ?? 0) - this.now().getTime());
        capture.timer = setTimeout(() => this.onWaitOver(capture), waitMs);
        this.log.info({ lane: stored.laneId, captureId: stored.captureId, waitMs }, 'held read resumed');
      }
    }
  }

  /** Decides every held capture now (on shutdown), so no vehicle is left without a decision. */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.captures.values()].map((capture) =>
        this.exclusive(capture, async () => {
          if (!capture.acted) await this.act(capture, heldRead(capture.reads));
          else if (capture.unfinished) await this.finish(capture);
          clearTimeout(capture.timer);
        }),
      ),
    );
  }

  private async onRead(read: PlateRead, context: LaneContext): Promise<BarrierDecided | undefined> {
    const key = laneKey(read);
    const previous = this.captures.get(key);
    const remembered = this.decisions.get(read.readId);
    if (remembered) {
      await this.publishDecision(remembered); // a redelivery: already shown and acted on…
      // …unless a dependency failed after it was published (this is the retry): finish it now.
      if (previous?.unfinished && previous.decision?.decisionId === remembered.decisionId)
        return this.finish(previous);
      return remembered;
    }
    // The vehicle before this one, decided by an earlier try of this read that then failed midway.
    if (previous?.unfinished && previous.reads.captureId !== read.captureId) await this.finish(previous);
    if (previous?.reads.captureId !== read.captureId) {
      // Not the vehicle in front: a capture seen before (the lane moved on, or before a restart)?
      const earlier = await this.lanes.store.capture(read.lane, read.captureId);
      if (earlier) return this.onEarlierCapture(earlier, read);
    }
    // The next vehicle: the one before it is decided now on what it has, before the lane moves on.
    if (previous && previous.reads.captureId !== read.captureId && !previous.acted) {
      await this.act(previous, heldRead(previous.reads));
    }
    await this.advanceLane(read, context);

    const capture: LaneCapture =
      previous?.reads.captureId === read.captureId
        ? previous
        : {
            reads: { captureId: read.captureId, server: [] },
            context,
            seenAt: this.now(),
            acted: false,
            decidedReadIds: [],
          };
    capture.reads = withRead(capture.reads, read);
    this.captures.set(key, capture);

    if (!capture.acted) {
      if (awaitsServerRead(capture.reads) && this.fusionWaitMs > 0) {
        if (!capture.timer) {
          capture.heldUntil = new Date(this.now().getTime() + this.fusionWaitMs);
          capture.timer = setTimeout(() => this.onWaitOver(capture), this.fusionWaitMs);
        }
        // The read's offset is committed once this returns: it must be stored first.
        await this.lanes.save(read.lane.enterpriseId, read.lane.laneId, storedOf(capture));
        this.log.info(
          {
            lane: read.lane.laneId,
            captureId: read.captureId,
            readId: read.readId,
            heldUntil: capture.heldUntil,
          },
          'read held for fusion',
        );
        return undefined;
      }
      return this.act(capture, read);
    }
    return this.settleReview(capture, read);
  }

  private onWaitOver(capture: LaneCapture): void {
    this.exclusive(capture, async () => {
      if (!capture.acted) await this.act(capture, heldRead(capture.reads));
      else if (capture.unfinished) await this.finish(capture);
    }).catch((err: unknown) => {
      const where = { lane: capture.context.lane.ref.laneId, captureId: capture.reads.captureId, err };
      // The held read's offset is committed: no redelivery will retry it, so this does, without limit.
      if (isDependencyUnavailable(err)) {
        this.log.warn(where, 'held read not decided yet: a dependency is unavailable, retrying');
        capture.timer = setTimeout(() => this.onWaitOver(capture), HELD_RETRY_MS);
      } else this.log.error(where, 'held read not decided');
    });
  }

  /** A read of a capture the lane is past: a redelivery republishes its decision, anything else is dropped. */
  private async onEarlierCapture(
    earlier: StoredCapture,
    read: PlateRead,
  ): Promise<BarrierDecided | undefined> {
    if (earlier.decision && earlier.decidedReadIds.includes(read.readId)) {
      this.remember(read.readId, earlier.decision);
      await this.publishDecision(earlier.decision);
      return earlier.decision;
    }
    this.log.info(
      { lane: read.lane.laneId, captureId: read.captureId, readId: read.readId, source: read.source },
      'late read of an earlier vehicle: nothing to change',
    );
    return undefined;
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

  /**
   * Reversing and U-turns at the gate, and the lane's read event (tailgating, cutting in, a U-turn
   * in the lane), published as violations. A U-turn is named after the read of the vehicle that
   * turned, on its lane: found by both rules, it is one violation (same id).
   */
  private async advanceLane(read: PlateRead, context: LaneContext): Promise<void> {
    const { enterpriseId, laneId } = read.lane;
    const capturedAt = new Date(read.capturedAt);
    const atGate = this.lanes.checkReversing({
      gateKey: `${enterpriseId}/${read.lane.siteId}/${read.lane.gateId}`,
      plate: read.plate.text,
      direction: read.lane.direction,
      at: capturedAt,
      lane: read.lane,
      readId: read.readId,
    });
    if (atGate.reversing)
      await this.violations.publish(
        read.lane,
        { kind: 'reversing', ...atGate.reversing },
        capturedAt,
        read.readId,
      );
    if (atGate.uTurn) {
      const { lane, readId, at, ...uTurn } = atGate.uTurn;
      await this.violations.publish(lane, { kind: 'u-turn', ...uTurn }, at, readId);
    }
    const onRead = this.lanes.apply(enterpriseId, laneId, context.lane.mode, {
      type: 'vehicle-read',
      plate: read.plate.text,
      captureId: read.captureId,
      readId: read.readId,
      at: capturedAt,
    });
    for (const violation of onRead.violations) {
      if (violation.kind === 'u-turn') {
        const { readId, at, ...uTurn } = violation;
        await this.violations.publish(read.lane, uTurn, at, readId);
      } else await this.violations.publish(read.lane, violation, capturedAt, read.readId);
    }
  }

  /** Fuse, decide, publish, display and (when the lane allows) lift the barrier. */
  private async act(capture: LaneCapture, deciding: PlateRead): Promise<BarrierDecided> {
    const { context } = capture;
    const { lane } = deciding;
    const fused = fuseCapture(capture.reads, deciding);
    const plate = fused.read.plate.text;
    // Nothing is changed before the decision is taken: a failure up to here leaves the read as it came.
    const decided = decideOnRead(
      fused.read,
      context,
      await this.vehicles.find(lane.enterpriseId, plate),
      this.now(),
      fused.fusion,
    );
    capture.acted = true;
    clearTimeout(capture.timer);
    capture.heldUntil = undefined;
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
    const readIds = [capture.reads.camera, ...capture.reads.server].flatMap((read) =>
      read ? [read.readId] : [],
    );
    for (const readId of readIds) this.remember(readId, decided);
    const onDecided = this.lanes.apply(lane.enterpriseId, lane.laneId, context.lane.mode, {
      type: 'decided',
      captureId: deciding.captureId,
      decisionId: decided.decisionId,
      verdict: decided.verdict,
    });
    capture.decision = decided;
    capture.decidedReadIds = readIds;
    capture.unfinished = { openBarrier: onDecided.openBarrier, plate, stored: false, commanding: false };
    if (onDecided.openBarrier && context.lane.barrier.driver !== 'none')
      capture.open = { decisionId: decided.decisionId, outcome: 'pending' };
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
    // Published before it is stored: a crash in between decides the read again with the same ids.
    await this.publishDecision(decided);
    recordLaneLatency(decided);
    return this.finish(capture);
  }

  /**
   * What follows a published decision: store it, show it, lift the barrier, store the open. Each
   * step is marked done, so a try that failed midway (the database away) resumes where it stopped.
   */
  private async finish(capture: LaneCapture): Promise<BarrierDecided> {
    const { unfinished: step, decision: decided } = capture;
    if (!decided) throw new Error(`capture ${capture.reads.captureId} has no decision to finish`);
    if (!step) return decided;
    const { lane } = decided;
    const { context } = capture;
    if (!step.stored) {
      // The commit point: from here a redelivered read (also after a restart) finds this decision, and
      // the barrier is commanded at most once (a crash while commanding loses the open, never repeats it).
      await this.lanes.save(lane.enterpriseId, lane.laneId, storedOf(capture));
      step.stored = true;
      await this.display.show(lane, displayTextOf(decided));
    }
    if (step.openBarrier && step.commanding && capture.open?.outcome === 'pending') {
      this.log.warn(
        { lane: lane.laneId, captureId: capture.reads.captureId, decisionId: decided.decisionId },
        'failed while commanding the barrier: the open is not repeated',
      );
    }
    if (step.openBarrier && !step.commanding) {
      step.commanding = true;
      const commanded = await this.commands.execute({
        lane,
        target: context.lane.barrier,
        action: 'open',
        trigger: 'decision',
        decisionId: decided.decisionId,
        plate: step.plate,
      });
      this.lanes.apply(
        lane.enterpriseId,
        lane.laneId,
        context.lane.mode,
        commanded?.outcome === 'failed'
          ? { type: 'command-failed' }
          : { type: 'barrier-opened', at: this.now() },
      );
      if (capture.open)
        capture.open = { decisionId: decided.decisionId, outcome: commanded?.outcome ?? 'done' };
    }
    if (capture.open && capture.open.outcome !== 'pending')
      await this.lanes.save(lane.enterpriseId, lane.laneId, storedOf(capture));
    capture.unfinished = undefined;
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

function storedOf(capture: LaneCapture): StoredCapture {
  const { enterpriseId, laneId } = capture.context.lane.ref;
  return {
    enterpriseId,
    laneId,
    captureId: capture.reads.captureId,
    reads: capture.reads,
    ...(capture.heldUntil ? { heldUntil: capture.heldUntil } : {}),
    ...(capture.decision ? { decision: capture.decision } : {}),
    decidedReadIds: capture.decidedReadIds,
    ...(capture.open ? { open: capture.open } : {}),
    seenAt: capture.seenAt,
  };
}

const laneKey = (read: PlateRead): string => `${read.lane.enterpriseId}\u0000${read.lane.laneId}`;

/** The read a held capture is decided on when the wait runs out: the camera's (it is what was held). */
function heldRead(reads: CaptureReads): PlateRead {
  const read = reads.camera ?? reads.server[0];
  if (!read) throw new Error(`capture ${reads.captureId} has no read`);
  return read;
}
