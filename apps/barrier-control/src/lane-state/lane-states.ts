import { type LaneMode } from '@ecogate/domain';
import { LaneQueue } from './lane-queue';
import {
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
} from './reversing-detector';

/**
 * The live state of every lane this instance drives, in memory (one barrier-control per site; a
 * restart starts every lane idle). Kafka's per-lane key keeps a lane's reads in order.
 */
export class LaneStates {
  private readonly lanes = new Map<string, LaneState>();
  private reversing = emptyReversingMemory();
  private readonly queue = new LaneQueue();

  constructor(private readonly options: LaneOptions & { readonly reversingWindowSeconds: number }) {}

  apply(enterpriseId: string, laneId: string, mode: LaneMode, event: LaneEvent): LaneTransition {
    const key = `${enterpriseId}\u0000${laneId}`;
    let state = this.lanes.get(key) ?? initialLaneState(mode);
    if (state.mode !== mode) state = transition(state, { type: 'mode-changed', mode }).state;
    const next = transition(state, event, this.options);
    this.lanes.set(key, next.state);
    return next;
  }

  /** Runs `work` after every earlier piece of work on this lane has finished. */
  exclusive<T>(enterpriseId: string, laneId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(`${enterpriseId}\u0000${laneId}`, work);
  }

  get(enterpriseId: string, laneId: string): LaneState | undefined {
    return this.lanes.get(`${enterpriseId}\u0000${laneId}`);
  }

  checkReversing(read: GateRead): ReversingCheck['reversing'] {
    const check = checkReversing(this.reversing, read, this.options.reversingWindowSeconds);
    this.reversing = check.memory;
    return check.reversing;
  }
}
