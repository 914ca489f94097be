import { positiveInt } from '@ecogate/config';
import { type z } from 'zod';
import { type GateRowScanSettings } from './gate-row-scan';

const HOUR_MS = 3_600_000;

/** The loading-area rules' timing (docs/loading-areas.md). */
export const loadingAreasEnv = {
  /** An entry with no exit within this many hours is an anomaly (entry-without-exit). */
  LEDGER_LOADING_AREA_MAX_STAY_H: positiveInt(12),
  /** How often the passages are scanned for overdue entries and lone exits. */
  LEDGER_LOADING_AREA_SCAN_MS: positiveInt(60_000),
  /** How far back a scan looks for passages not judged yet. */
  LEDGER_LOADING_AREA_SCAN_HORIZON_H: positiveInt(72),
  /** How long past its deadline an entry waits to be judged, so an exit recorded late still clears it. */
  LEDGER_LOADING_AREA_SCAN_GRACE_MS: positiveInt(10 * 60_000),
};

export const DEFAULT_GATE_ROW_SCAN: GateRowScanSettings = {
  maxStayMs: 12 * HOUR_MS,
  intervalMs: 60_000,
  horizonMs: 72 * HOUR_MS,
  graceMs: 10 * 60_000,
};

export function loadingAreasConfig(env: z.infer<z.ZodObject<typeof loadingAreasEnv>>): GateRowScanSettings {
  return {
    maxStayMs: env.LEDGER_LOADING_AREA_MAX_STAY_H * HOUR_MS,
    intervalMs: env.LEDGER_LOADING_AREA_SCAN_MS,
    // The horizon covers at least one stay, or an overdue entry would never be looked at.
    horizonMs:
      Math.max(env.LEDGER_LOADING_AREA_SCAN_HORIZON_H, env.LEDGER_LOADING_AREA_MAX_STAY_H * 2) * HOUR_MS,
    graceMs: env.LEDGER_LOADING_AREA_SCAN_GRACE_MS,
  };
}
