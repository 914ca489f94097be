import { type PayloadOf } from '@ecogate/contracts';
import { type LaneState } from '../lane-state/lane-state-machine';
import { type CaptureReads } from '../read-fusion/capture-reads';

type BarrierDecided = PayloadOf<'gate.barrier.decided.v1'>;

export interface LaneKey {
  readonly enterpriseId: string;
  readonly laneId: string;
}

export interface StoredLane extends LaneKey {
  readonly state: LaneState;
}

/** The automatic open of a capture's barrier: `pending` is written before the driver is called. */
export interface StoredOpen {
  readonly decisionId: string;
  readonly outcome: 'pending' | 'done' | 'failed';
}

/** One capture (vehicle) at a lane: its reads, whether one is held, and what was decided on it. */
export interface StoredCapture extends LaneKey {
  readonly captureId: string;
  readonly reads: CaptureReads;
  /** Set while a camera read waits for the server's read: when the lane acts on it alone. */
  readonly heldUntil?: Date;
  /** The latest decision on the capture; a redelivery of any read it was taken on republishes it. */
  readonly decision?: BarrierDecided;
  readonly decidedReadIds: readonly string[];
  readonly open?: StoredOpen;
  /** When the capture's first read arrived (the newest capture of a lane is the vehicle in front). */
  readonly seenAt: Date;
}

/**
 * What barrier-control must not forget across a restart: each lane's state and its captures. A
 * capture is unique per (enterprise, lane, capture id), so a read redelivered after a restart finds
 * the decision taken on it and never decides (or opens) again.
 */
export interface BarrierStore {
  lanes(): Promise<StoredLane[]>;
  /** The newest capture of every lane (held ones included: only the vehicle in front is held). */
  currentCaptures(): Promise<StoredCapture[]>;
  capture(lane: LaneKey, captureId: string): Promise<StoredCapture | undefined>;
  /** Writes a lane's state and/or a capture in one transaction. */
  save(change: { readonly lane?: StoredLane; readonly capture?: StoredCapture }): Promise<void>;
  /** Forgets captures first seen before `cutoff` that hold no read; returns how many. */
  prune(cutoff: Date): Promise<number>;
}

const keyOf = (lane: LaneKey, captureId?: string): string =>
  [lane.enterpriseId, lane.laneId, ...(captureId === undefined ? [] : [captureId])].join('\u0000');

/** For unit tests and in-process tests: a restart forgets everything. */
export class InMemoryBarrierStore implements BarrierStore {
  private readonly laneRows = new Map<string, StoredLane>();
  private readonly captureRows = new Map<string, StoredCapture>();

  async lanes(): Promise<StoredLane[]> {
    return [...this.laneRows.values()].map((row) => structuredClone(row));
  }

  async currentCaptures(): Promise<StoredCapture[]> {
    const newest = new Map<string, StoredCapture>();
    for (const row of this.captureRows.values()) {
      const other = newest.get(keyOf(row));
      if (!other || other.seenAt <= row.seenAt) newest.set(keyOf(row), row);
    }
    return [...newest.values()].map((row) => structuredClone(row));
  }

  async capture(lane: LaneKey, captureId: string): Promise<StoredCapture | undefined> {
    const row = this.captureRows.get(keyOf(lane, captureId));
    return row && structuredClone(row);
  }

  async save(change: { readonly lane?: StoredLane; readonly capture?: StoredCapture }): Promise<void> {
    if (change.lane) this.laneRows.set(keyOf(change.lane), structuredClone(change.lane));
    const { capture } = change;
    if (capture) {
      const key = keyOf(capture, capture.captureId);
      // Like the table: the first sighting stays.
      const seenAt = this.captureRows.get(key)?.seenAt ?? capture.seenAt;
      this.captureRows.set(key, structuredClone({ ...capture, seenAt }));
    }
  }

  async prune(cutoff: Date): Promise<number> {
    let pruned = 0;
    for (const [key, row] of this.captureRows) {
      if (row.seenAt < cutoff && !row.heldUntil) {
        this.captureRows.delete(key);
        pruned += 1;
      }
    }
    return pruned;
  }
}
