import { type Fuel } from './fuel';
import { type VehicleCategory } from './vehicle-category';

/**
 * What a vehicle is used for at the site. Maintenance, inspection and equipment-commissioning
 * vehicles count as cargo vehicles (Shijiazhuang 2020 guidance, domain.md §1).
 */
export const VEHICLE_USES = [
  'cargo',
  'maintenance',
  'inspection',
  'commissioning',
  'passenger',
  'other',
] as const;
export type VehicleUse = (typeof VEHICLE_USES)[number];

/**
 * Standing designations an exemption can refer to (domain.md §4): special vehicles (特种车辆:
 * fire, ambulance, rescue), hazardous-chemical transport and livelihood supply (民生保障).
 */
export const VEHICLE_DESIGNATIONS = ['special-vehicle', 'hazardous-chemicals', 'livelihood-supply'] as const;
export type VehicleDesignation = (typeof VEHICLE_DESIGNATIONS)[number];

/**
 * A vehicle as the domain rules see it. The plate is the normalised text (plate parsing lives in
 * `plate/`); category and fuel are unknown for a vehicle seen for the first time.
 */
export interface Vehicle {
  readonly plate: string;
  readonly category?: VehicleCategory;
  readonly fuel?: Fuel;
  readonly grossMassKg?: number;
  readonly use?: VehicleUse;
  readonly designations?: readonly VehicleDesignation[];
}
