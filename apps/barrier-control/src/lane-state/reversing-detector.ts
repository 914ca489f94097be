/**
 * Reversing / U-turn in the capture zone (domain.md §1): a plate read on a gate's entry lane and
 * then on the same gate's exit lane (or the reverse) within `windowSeconds`. The entry and exit
 * lanes of one gate form the lane pair. Pure: the caller keeps the returned memory.
 */
export interface GateRead {
  readonly gateKey: string;
  readonly plate: string;
  readonly direction: 'in' | 'out';
  readonly at: Date;
}

export interface ReversingMemory {
  /** Last read per gate and plate. */
  readonly lastReads: ReadonlyMap<string, GateRead>;
}

export interface ReversingCheck {
  readonly memory: ReversingMemory;
  readonly reversing?: { readonly plate: string; readonly details: string };
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
  lastReads.set(key, read);
  const elapsedMs = previous ? read.at.getTime() - previous.at.getTime() : Number.POSITIVE_INFINITY;
  if (
    previous &&
    previous.direction !== read.direction &&
    elapsedMs >= 0 &&
    elapsedMs <= windowSeconds * 1000
  ) {
    return {
      memory: { lastReads },
      reversing: {
        plate: read.plate,
        details: `${read.plate} read ${previous.direction} then ${read.direction} at gate ${read.gateKey} within ${Math.round(elapsedMs / 1000)} s (window ${windowSeconds} s)`,
      },
    };
  }
  return { memory: { lastReads } };
}
