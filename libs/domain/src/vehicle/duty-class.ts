import { isNonRoadMachinery, type VehicleCategory } from './vehicle-category';

/** Heavy-duty emission rules (GB 17691) cover road vehicles above 3.5 t gross mass (domain.md §3). */
export const HEAVY_DUTY_GROSS_MASS_KG = 3500;

export type DutyClass = 'heavy-duty' | 'light-duty' | 'non-road';

export const isHeavyDuty = (grossMassKg: number): boolean => grossMassKg > HEAVY_DUTY_GROSS_MASS_KG;

/**
 * The emission-rule family of a vehicle. The gross mass decides when known; otherwise categories
 * that are above 3.5 t by definition (medium 4.5–12 t, heavy, tractor) are heavy-duty and cars are
 * light-duty. Light trucks, buses, special-purpose vehicles and three-wheelers straddle the line:
 * `undefined`, so callers consider both families. A trailer has no engine: `undefined` as well.
 */
export function dutyClassOf(category: VehicleCategory, grossMassKg?: number): DutyClass | undefined {
  if (isNonRoadMachinery(category)) return 'non-road';
  if (category === 'trailer') return undefined;
  if (grossMassKg !== undefined && Number.isFinite(grossMassKg) && grossMassKg > 0) {
    return isHeavyDuty(grossMassKg) ? 'heavy-duty' : 'light-duty';
  }
  switch (category) {
    case 'heavy-truck':
    case 'medium-truck':
    case 'tractor':
      return 'heavy-duty';
    case 'car':
      return 'light-duty';
    case 'light-truck':
    case 'bus':
    case 'special-purpose':
    case 'three-wheeler':
      return undefined;
  }
}
