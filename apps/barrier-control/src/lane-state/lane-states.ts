import { type LaneMode } from '@ecogate/domain';
import { type BarrierStore, InMemoryBarrierStore, type StoredCapture } from '../durable/barrier-store.port';
import { LaneQueue } from './lane-queue';
import {
  crossingOutcome,
  initialLaneState,
  type LaneEvent,
  type LaneOptions,
  type LaneState,
  type LaneTransition,
  transition,
} from './lane-state-machine';
import {
  checkReversing,
  emptyReversingMemory,
  type GateRead,
  type ReversingCheck,
  recordCrossing,
} from './reversing-detector';

/**
 * The live state of every lane this instance drives (one barrier-control per site), kept in memory
 * and written to `store` at the end of each piece of lane work, so a restart resumes every lane
 * where it was (`restore`). Kafka's per-lane key keeps a lane's reads in order. The gate memory
 * (reversing and U-turns, a 60 s window) is not stored.
 */
export class LaneStates {
  private readonly lanes = new Map<string, LaneState>();
  /** The state last written per lane: `save` skips a lane whose state did not change. */
  private readonly saved = new Map<string, LaneState>();
  private reversing = emptyReversingMemory();
  /** Per lane, the read of a waiting vehicle seen turning round at the gate (applied on the lane's next event). */
  private readonly departed = new Map<string, string>();
  private readonly queue = new LaneQueue();

  constructor(
    private readonly options: LaneOptions & { readonly reversingWindowSeconds: number },
    readonly store: BarrierStore = new InMemoryBarrierStore(),
  ) {}

  /** Loads every lane's stored state; call once at start, before any lane work. */
  async restore(): Promise<void> {
    for (const lane of await this.store.lanes()) {
      const key = `${lane.enterpriseId}\u0000${lane.laneId}`;
      this.lanes.set(key, lane.state);
      this.saved.set(key, lane.state);
    }
  }

  /**
   * Writes the lane's state (when it changed) and `capture` in one transaction. `exclusive` calls
   * it after each piece of work; call it earlier where a step must be durable before the next.
   */
  async save(enterpriseId: string, laneId: string, capture?: StoredCapture): Promise<void> {
    const key = `${enterpriseId}\u0000${laneId}`;
    const state = this.lanes.get(key);
    const changed = state !== undefined && state !== this.saved.get(key);
    if (!changed && !capture) return;
    await this.store.save({
      ...(changed ? { lane: { enterpriseId, laneId, state } } : {}),
      ...(capture ? { capture } : {}),
    });
    if (state) this.saved.set(key, state);
  }

  apply(enterpriseId: string, laneId: string, mode: LaneMode, event: LaneEvent): LaneTransition {
    const key = `${enterpriseId}\u0000${laneId}`;
    let state = this.lanes.get(key) ?? initialLaneState(mode);
    if (state.mode !== mode) state = transition(state, { type: 'mode-changed', mode }).state;
    const left = this.departed.get(key);
    if (left !== undefined) {
      // In the lane's own turn (its queue), not from the other lane's read that revealed it.
      this.departed.delete(key);
      state = transition(state, { type: 'vehicle-left', readId: left }).state;
    }
    const next = transition(state, event, this.options);
    this.lanes.set(key, next.state);
    this.rememberCrossings(enterpriseId, laneId, next);
    return next;
  }

  /** Tells the gate memory how vehicles crossed this lane: a later opposite read is judged by it. */
  private rememberCrossings(enterpriseId: string, laneId: string, next: LaneTransition): void {
    const lane = { enterpriseId, laneId };
    const crossing = crossingOutcome(next.state);
    if (crossing && next.state.vehicle)
      this.reversing = recordCrossing(this.reversing, lane, next.state.vehicle.plate, crossing);
    // A tailgater went through under the barrier raised for the vehicle in front.
    for (const violation of next.violations)
      if (violation.kind === 'tailgating')
        this.reversing = recordCrossing(this.reversing, lane, violation.plate, 'passed');
  }

  /** Runs `work` after every earlier piece of work on this lane has finished, then saves the lane. */
  exclusive<T>(enterpriseId: string, laneId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(`${enterpriseId}\u0000${laneId}`, async () => {
      const result = await work();
      // Before the work counts as done (a read's offset is committed after it): no lost transition.
      await this.save(enterpriseId, laneId);
      return result;
    });
  }

  get(enterpriseId: string, laneId: string): LaneState | undefined {
    return this.lanes.get(`${enterpriseId}\u0000${laneId}`);
  }

  /** Reversing or a U-turn revealed by this read at its gate (see `reversing-detector`). */
  checkReversing(read: GateRead): Omit<ReversingCheck, 'memory'> {
    const { memory, ...found } = checkReversing(this.reversing, read, this.options.reversingWindowSeconds);
    this.reversing = memory;
    if (found.uTurn)
      this.departed.set(
        `${found.uTurn.lane.enterpriseId}\u0000${found.uTurn.lane.laneId}`,
        found.uTurn.readId,
      );
    return found;
  }
}
