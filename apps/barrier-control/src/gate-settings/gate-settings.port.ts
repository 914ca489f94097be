import { type LaneRef } from '@ecogate/contracts';
import { type AlertLevel, type EmergencyPlan, type LaneMode } from '@ecogate/domain';
import { type BarrierTarget } from '../drivers/barrier-driver';

/** A lane as barrier control drives it. */
export interface LaneSettings {
  readonly ref: LaneRef;
  readonly mode: LaneMode;
  readonly barrier: BarrierTarget;
}

/** Everything `decide` needs about a lane besides the vehicle. */
export interface LaneContext {
  readonly lane: LaneSettings;
  readonly plan: EmergencyPlan;
  readonly alertLevel: AlertLevel;
}

/**
 * Lanes, the enterprise's emergency plan and its current alert level. Adapters: `ConfigGateSettings`
 * (the gates file) and `LedgerGateSettings` (lanes from the file, level and plan from the ledger),
 * chosen by `LEDGER_URL` in `gatePorts`.
 */
export interface GateSettings {
  laneContext(enterpriseId: string, laneId: string): Promise<LaneContext | undefined>;
}

export const GATE_SETTINGS = Symbol('GATE_SETTINGS');
