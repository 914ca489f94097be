import { isNonRoadMachinery, type VehicleCategory } from './vehicle-category';
import { type VehicleUse } from './vehicle';

/** Three-wheelers count as cargo vehicles only above 1 t factory gross mass (domain.md §1). */
export const THREE_WHEELER_CARGO_GROSS_MASS_KG = 1000;

const cargoCategories: ReadonlySet<VehicleCategory> = new Set<VehicleCategory>([
  'heavy-truck',
  'medium-truck',
  'light-truck',
  'tractor',
  'trailer',
  'special-purpose',
]);

const cargoUses: ReadonlySet<VehicleUse> = new Set<VehicleUse>([
  'cargo',
  'maintenance',
  'inspection',
  'commissioning',
]);

export interface CargoVehicleFacts {
  readonly category: VehicleCategory;
  readonly use?: VehicleUse;
  readonly grossMassKg?: number;
}

/**
 * Whether a vehicle is a cargo vehicle for the gate duty and the transport ledger (domain.md §1).
 * Machinery is on the NRMM ledger instead. A three-wheeler of unknown mass counts, so that a gate
 * it can pass is not left without the system.
 */
export function isCargoVehicle({ category, use, grossMassKg }: CargoVehicleFacts): boolean {
  if (isNonRoadMachinery(category)) return false;
  if (category === 'three-wheeler') {
    return grossMassKg === undefined || grossMassKg > THREE_WHEELER_CARGO_GROSS_MASS_KG;
  }
  if (use !== undefined && cargoUses.has(use)) return true;
  return cargoCategories.has(category);
}
