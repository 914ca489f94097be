import { type PayloadOf } from '@ecogate/contracts';
import { type DataSource, type EntityManager } from '@ecogate/persistence';
import { type LaneState } from '../lane-state/lane-state-machine';
import { type CaptureReads } from '../read-fusion/capture-reads';
import {
  type BarrierStore,
  type LaneKey,
  type StoredCapture,
  type StoredLane,
  type StoredOpen,
} from './barrier-store.port';

interface LaneRow {
  enterprise_id: string;
  lane_id: string;
  state: LaneStateJson;
}

interface CaptureRow {
  enterprise_id: string;
  lane_id: string;
  capture_id: string;
  reads: CaptureReads;
  held_until: Date | null;
  decision: PayloadOf<'gate.barrier.decided.v1'> | null;
  decided_read_ids: string[];
  open_decision_id: string | null;
  open_outcome: StoredOpen['outcome'] | null;
  seen_at: Date;
}

const CAPTURE_COLUMNS = `"enterprise_id", "lane_id", "capture_id", "reads", "held_until", "decision",
  "decided_read_ids", "open_decision_id", "open_outcome", "seen_at"`;

/** `BarrierStore` on barrier-control's own tables (`barrier_lanes`, `barrier_captures`). */
export class PostgresBarrierStore implements BarrierStore {
  constructor(private readonly dataSource: DataSource) {}

  async lanes(): Promise<StoredLane[]> {
    const rows: LaneRow[] = await this.dataSource.query(
      `SELECT "enterprise_id", "lane_id", "state" FROM "barrier_lanes"`,
    );
    return rows.map((row) => ({
      enterpriseId: row.enterprise_id,
      laneId: row.lane_id,
      state: laneStateFromJson(row.state),
    }));
  }

  async currentCaptures(): Promise<StoredCapture[]> {
    const rows: CaptureRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON ("enterprise_id", "lane_id") ${CAPTURE_COLUMNS} FROM "barrier_captures"
       ORDER BY "enterprise_id", "lane_id", "seen_at" DESC`,
    );
    return rows.map(captureOf);
  }

  async capture(lane: LaneKey, captureId: string): Promise<StoredCapture | undefined> {
    const rows: CaptureRow[] = await this.dataSource.query(
      `SELECT ${CAPTURE_COLUMNS} FROM "barrier_captures"
       WHERE "enterprise_id" = $1 AND "lane_id" = $2 AND "capture_id" = $3`,
      [lane.enterpriseId, lane.laneId, captureId],
    );
    return rows[0] && captureOf(rows[0]);
  }

  async save(change: { readonly lane?: StoredLane; readonly capture?: StoredCapture }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (change.lane) await saveLane(tx, change.lane);
      if (change.capture) await saveCapture(tx, change.capture);
    });
  }

  async prune(cutoff: Date): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM "barrier_captures" WHERE "seen_at" < $1 AND "held_until" IS NULL`,
      [cutoff],
    );
    return deleted;
  }
}

async function saveLane(tx: EntityManager, lane: StoredLane): Promise<void> {
  await tx.query(
    `INSERT INTO "barrier_lanes" ("enterprise_id", "lane_id", "state") VALUES ($1, $2, $3)
     ON CONFLICT ("enterprise_id", "lane_id") DO UPDATE SET "state" = EXCLUDED."state", "updated_at" = now()`,
    [lane.enterpriseId, lane.laneId, JSON.stringify(lane.state)],
  );
}

async function saveCapture(tx: EntityManager, capture: StoredCapture): Promise<void> {
  // The first sighting (seen_at) stays: it orders a lane's captures.
  await tx.query(
    `INSERT INTO "barrier_captures" (${CAPTURE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT ("enterprise_id", "lane_id", "capture_id") DO UPDATE SET
       "reads" = EXCLUDED."reads", "held_until" = EXCLUDED."held_until", "decision" = EXCLUDED."decision",
       "decided_read_ids" = EXCLUDED."decided_read_ids", "open_decision_id" = EXCLUDED."open_decision_id",
       "open_outcome" = EXCLUDED."open_outcome", "updated_at" = now()`,
    [
      capture.enterpriseId,
      capture.laneId,
      capture.captureId,
      JSON.stringify(capture.reads),
      capture.heldUntil ?? null,
      capture.decision ? JSON.stringify(capture.decision) : null,
      [...capture.decidedReadIds],
      capture.open?.decisionId ?? null,
      capture.open?.outcome ?? null,
      capture.seenAt,
    ],
  );
}

function captureOf(row: CaptureRow): StoredCapture {
  return {
    enterpriseId: row.enterprise_id,
    laneId: row.lane_id,
    captureId: row.capture_id,
    reads: row.reads,
    ...(row.held_until ? { heldUntil: row.held_until } : {}),
    ...(row.decision ? { decision: row.decision } : {}),
    decidedReadIds: row.decided_read_ids,
    ...(row.open_decision_id && row.open_outcome
      ? { open: { decisionId: row.open_decision_id, outcome: row.open_outcome } }
      : {}),
    seenAt: row.seen_at,
  };
}

/** `LaneState` as stored: its instants are ISO strings. */
type LaneStateJson = Omit<LaneState, 'vehicle' | 'openingAt'> & {
  readonly vehicle?: Omit<NonNullable<LaneState['vehicle']>, 'readAt'> & { readonly readAt: string };
  readonly openingAt?: string;
};

/** Restores the instants JSON turned into strings. */
export function laneStateFromJson(json: LaneStateJson): LaneState {
  const { vehicle, openingAt, ...rest } = json;
  return {
    ...rest,
    ...(vehicle ? { vehicle: { ...vehicle, readAt: new Date(vehicle.readAt) } } : {}),
    ...(openingAt ? { openingAt: new Date(openingAt) } : {}),
  };
}
