import { type AlertLevel, type EmissionStage, type LaneMode } from '@ecogate/domain';

/** A lane as every service of the chain sees it (camera-ingest registry, barrier-control file). */
export interface LaneSpec {
  readonly gateId: string;
  readonly laneId: string;
  readonly direction: 'in' | 'out';
  readonly mode?: LaneMode;
}

/** A registered vehicle: in barrier-control's file and in the ledger's registry. */
export interface VehicleSpec {
  readonly plate: string;
  readonly stage: EmissionStage;
  readonly category: 'heavy-truck';
  readonly fuel: 'diesel' | 'natural-gas' | 'electric';
}

export interface EnterpriseSpec {
  readonly enterpriseId: string;
  readonly alertLevel: AlertLevel;
  readonly lanes: readonly LaneSpec[];
  readonly vehicles?: readonly VehicleSpec[];
}

export const SITE_ID = 'plant-1';

/** `BARRIER_GATES_FILE` contents: each lane's barrier is its camera simulator's ISAPI endpoint. */
export function gatesFile(
  enterprises: readonly EnterpriseSpec[],
  barrierUrl: (enterpriseId: string, laneId: string) => string,
): unknown {
  return {
    enterprises: enterprises.map((e) => ({
      enterpriseId: e.enterpriseId,
      cargoVolume: '10-or-more',
      alertLevel: e.alertLevel,
      lanes: e.lanes.map((lane) => ({
        siteId: SITE_ID,
        gateId: lane.gateId,
        laneId: lane.laneId,
        direction: lane.direction,
        mode: lane.mode ?? 'auto',
        barrier: { driver: 'hikvision-isapi', baseUrl: barrierUrl(e.enterpriseId, lane.laneId), channel: 1 },
      })),
      vehicles: (e.vehicles ?? []).map((v) => ({
        plate: v.plate,
        category: v.category,
        fuel: v.fuel,
        evidence: [{ stage: v.stage, source: 'platform-query', at: '2024-01-01T00:00:00Z' }],
      })),
    })),
  };
}
