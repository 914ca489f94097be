import { type Vehicle, type VehicleDesignation } from '../vehicle';
import { type AlertLevel } from './alert-level';

/** Exemptions are by standing designation (special vehicle, hazardous chemicals, livelihood) or by plate. */
export type ExemptionKind = VehicleDesignation | 'plate';

interface ExemptionCommon {
  readonly id: string;
  /** Time box, [from, until): every exemption is explicit and time-boxed (domain.md §4). */
  readonly from: Date;
  readonly until: Date;
  readonly levels: readonly AlertLevel[] | 'all';
  /** Who approved it, for the audit trail. */
  readonly approvedBy: string;
  readonly reference?: string;
}

export type Exemption =
  | (ExemptionCommon & { readonly kind: 'plate'; readonly plates: readonly string[] })
  | (ExemptionCommon & {
      readonly kind: VehicleDesignation;
      /** Narrows a designation exemption to these vehicles; absent: every vehicle so designated. */
      readonly plates?: readonly string[];
    });

export const EXEMPTION_KIND_LABELS: Readonly<Record<ExemptionKind, { zh: string; en: string }>> = {
  'special-vehicle': { zh: '特种车辆', en: 'special vehicle' },
  'hazardous-chemicals': { zh: '危险化学品运输车辆', en: 'hazardous-chemicals vehicle' },
  'livelihood-supply': { zh: '民生保障车辆', en: 'livelihood-supply vehicle' },
  plate: { zh: '指定车辆', en: 'listed vehicle' },
};

/** Plates are compared as normalised text; callers pass plates from `parsePlate`. */
const samePlate = (a: string, b: string): boolean => a.trim().toUpperCase() === b.trim().toUpperCase();

export const isExemptionActive = (exemption: Exemption, level: AlertLevel, now: Date): boolean =>
  exemption.from.getTime() <= now.getTime() &&
  now.getTime() < exemption.until.getTime() &&
  (exemption.levels === 'all' || exemption.levels.includes(level));

export function exemptionCovers(exemption: Exemption, vehicle: Vehicle): boolean {
  const listed = exemption.plates?.some((plate) => samePlate(plate, vehicle.plate));
  if (exemption.kind === 'plate') return listed === true;
  return (vehicle.designations ?? []).includes(exemption.kind) && listed !== false;
}

/** The first exemption in force for this vehicle at this level and instant. */
export const findActiveExemption = (
  exemptions: readonly Exemption[],
  vehicle: Vehicle,
  level: AlertLevel,
  now: Date,
): Exemption | undefined =>
  exemptions.find(
    (exemption) => isExemptionActive(exemption, level, now) && exemptionCovers(exemption, vehicle),
  );
