import { type paths } from '../api/generated/schema';

/** One message of the gateway's live stream, typed from its OpenAPI document (libs/contracts). */
export type LiveMessage =
  paths['/api/live/v1/enterprises/{enterpriseId}/lanes']['get']['responses'][200]['content']['text/event-stream'];
export type LiveDecision = Extract<LiveMessage, { event: 'decision' }>['data'];
export type LiveBarrier = Extract<LiveMessage, { event: 'barrier' }>['data'];
export type LiveCamera = Extract<LiveMessage, { event: 'camera' }>['data'];

export interface LaneView {
  readonly laneId: string;
  readonly gateId: string;
  readonly lastDecision?: LiveDecision;
  readonly barrier?: LiveBarrier;
}

export interface LiveState {
  /** Lanes in the order they first spoke, each with its latest decision and barrier command. */
  readonly lanes: ReadonlyMap<string, LaneView>;
  readonly cameras: ReadonlyMap<string, LiveCamera>;
  /** The newest events first, at most `FEED_LENGTH`. */
  readonly feed: readonly LiveMessage[];
  /** Event ids already applied: EventSource resends after a reconnect (`Last-Event-ID`). */
  readonly seen: ReadonlySet<string>;
}

export const FEED_LENGTH = 50;

export const emptyLiveState = (): LiveState => ({
  lanes: new Map(),
  cameras: new Map(),
  feed: [],
  seen: new Set(),
});

function laneOf(state: LiveState, lane: { laneId: string; gateId: string }): LaneView {
  return state.lanes.get(lane.laneId) ?? { laneId: lane.laneId, gateId: lane.gateId };
}

/** Applies one message; the same event twice changes nothing. */
export function applyLive(state: LiveState, message: LiveMessage): LiveState {
  if (state.seen.has(message.id)) return state;
  const seen = new Set(state.seen).add(message.id);
  if (seen.size > FEED_LENGTH * 4) seen.delete(seen.values().next().value as string);
  const feed = [message, ...state.feed].slice(0, FEED_LENGTH);
  switch (message.event) {
    case 'decision': {
      const lanes = new Map(state.lanes);
      const lane = laneOf(state, message.data.lane);
      lanes.set(lane.laneId, { ...lane, lastDecision: message.data });
      return { ...state, lanes, feed, seen };
    }
    case 'barrier': {
      const lanes = new Map(state.lanes);
      const lane = laneOf(state, message.data.lane);
      lanes.set(lane.laneId, { ...lane, barrier: message.data });
      return { ...state, lanes, feed, seen };
    }
    case 'camera': {
      const cameras = new Map(state.cameras).set(message.data.cameraId, message.data);
      return { ...state, cameras, feed, seen };
    }
  }
}

/** What a lane's barrier did last: lifted, closed, or failed to, from the latest command. */
export function barrierState(lane: LaneView): 'open' | 'closed' | 'failed' | 'unknown' {
  if (!lane.barrier) return 'unknown';
  if (lane.barrier.outcome === 'failed') return 'failed';
  return lane.barrier.action === 'close' ? 'closed' : 'open';
}
