import { type LaneRef } from '@ecogate/contracts';
import { type CrossingOutcome } from './lane-state-machine';

/**
 * A plate read on one of a gate's lanes and then on the lane of the opposite direction of the same
 * gate within `windowSeconds` (domain.md §1; the gate's entry and exit lanes form the lane pair).
 * What it is depends on how the first read ended at its lane (`recordCrossing`):
 * - passed (the barrier went up for it) → **reversing**: it came back out through the gate;
 * - neither passed nor refused → **U-turn**: it turned round in the capture zone and left;
 * - refused → nothing: it was told to leave, and the refusal is already in the ledger;
 * - unknown (a read with no lane) → reversing, as before outcomes were kept.
 * Pure: the caller keeps the returned memory.
 */
export interface GateRead {
  readonly gateKey: string;
  readonly plate: string;
  readonly direction: 'in' | 'out';
  readonly at: Date;
  /** The lane and read, so the lane's outcome can be attached and a U-turn named after this read. */
  readonly lane?: LaneRef;
  readonly readId?: string;
}

export interface RememberedRead extends GateRead {
  readonly crossing?: CrossingOutcome;
}

export interface ReversingMemory {
  /** Last read per gate and plate. */
  readonly lastReads: ReadonlyMap<string, RememberedRead>;
}

export interface UTurnAtGate {
  readonly plate: string;
  readonly details: string;
  /** The lane and read of the vehicle that turned: the violation is about that read. */
  readonly lane: LaneRef;
  readonly readId: string;
  readonly at: Date;
}

export interface ReversingCheck {
  readonly memory: ReversingMemory;
  readonly reversing?: { readonly plate: string; readonly details: string };
  readonly uTurn?: UTurnAtGate;
}

export const emptyReversingMemory = (): ReversingMemory => ({ lastReads: new Map() });

export function checkReversing(
  memory: ReversingMemory,
  read: GateRead,
  windowSeconds: number,
): ReversingCheck {
  const key = `${read.gateKey}\u0000${read.plate}`;
  const previous = memory.lastReads.get(key);
  const lastReads = new Map(memory.lastReads);
  // Forget what fell out of the window, so the memory stays bounded by the traffic of N seconds.
  for (const [k, r] of lastReads) {
    if (read.at.getTime() - r.at.getTime() > windowSeconds * 1000) lastReads.delete(k);
  }
  // A re-read in the same direction is the same approach: what its lane decided still holds.
  const crossing = previous?.direction === read.direction ? previous.crossing : undefined;
  lastReads.set(key, { ...read, ...(crossing ? { crossing } : {}) });
  const elapsedMs = previous ? read.at.getTime() - previous.at.getTime() : Number.POSITIVE_INFINITY;
  const opposite =
    previous && previous.direction !== read.direction && elapsedMs >= 0 && elapsedMs <= windowSeconds * 1000;
  if (!previous || !opposite || previous.crossing === 'refused') return { memory: { lastReads } };
  const within = `${read.gateKey} within ${Math.round(elapsedMs / 1000)} s (window ${windowSeconds} s)`;
  if (previous.lane && previous.readId && previous.crossing === undefined) {
    return {
      memory: { lastReads },
      uTurn: {
        plate: read.plate,
        lane: previous.lane,
        readId: previous.readId,
        at: previous.at,
        details: `${read.plate} read ${previous.direction} without passing, then ${read.direction} at gate ${within}`,
      },
    };
  }
  return {
    memory: { lastReads },
    reversing: {
      plate: read.plate,
      details: `${read.plate} read ${previous.direction} then ${read.direction} at gate ${within}`,
    },
  };
}

/** Attaches how the lane's vehicle crossed to its remembered read at the gate (found by lane and plate). */
export function recordCrossing(
  memory: ReversingMemory,
  lane: { readonly enterpriseId: string; readonly laneId: string },
  plate: string,
  crossing: CrossingOutcome,
): ReversingMemory {
  for (const [key, read] of memory.lastReads) {
    const same =
      read.plate === plate &&
      read.lane?.enterpriseId === lane.enterpriseId &&
      read.lane.laneId === lane.laneId;
    if (!same) continue;
    if (read.crossing === crossing) return memory;
    const lastReads = new Map(memory.lastReads);
    lastReads.set(key, { ...read, crossing });
    return { lastReads };
  }
  return memory;
}
