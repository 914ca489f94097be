/**
 * Daily cargo-vehicle band. Below 10 a day (approved by the district bureau) a gate may run without
 * a barrier (record-only lane), and the orange/red vehicle rule does not apply (domain.md §1, §4).
 */
export type CargoVolumeBand = 'under-10' | '10-or-more';

export const CARGO_VOLUME_THRESHOLD_PER_DAY = 10;

export const cargoVolumeBand = (dailyCargoVehicles: number): CargoVolumeBand =>
  dailyCargoVehicles < CARGO_VOLUME_THRESHOLD_PER_DAY ? 'under-10' : '10-or-more';

export interface CargoVolume {
  readonly band: CargoVolumeBand;
  /** The district bureau's approval of the under-10 band (reference number); needed to omit barriers. */
  readonly districtApproval?: string;
}

/** Record-only lanes (no barrier) need the under-10 band *and* the bureau's approval. */
export const mayOmitBarrier = (volume: CargoVolume): boolean =>
  volume.band === 'under-10' && Boolean(volume.districtApproval?.trim());

/** The orange/red heavy-truck and machinery rule binds units with ≥ 10 cargo vehicles a day. */
export const alertVehicleRuleApplies = (volume: CargoVolume): boolean => volume.band === '10-or-more';
