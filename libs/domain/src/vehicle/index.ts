// Vehicles: categories, fuels, duty class, cargo-vehicle rule, document dates. Rules: docs/domain-model.md.
export {
  isIsoDate,
  isValidInstant,
  SHANGHAI_OFFSET_MINUTES,
  siteDateOf,
  siteDateTimeOf,
  type IsoDate,
  type SiteDateTime,
} from './calendar-date';
export { isCargoVehicle, THREE_WHEELER_CARGO_GROSS_MASS_KG, type CargoVehicleFacts } from './cargo-vehicle';
export { dutyClassOf, HEAVY_DUTY_GROSS_MASS_KG, isHeavyDuty, type DutyClass } from './duty-class';
export {
  combustionFuelsOf,
  FUEL_LABELS,
  FUELS,
  isFuel,
  isZeroEmissionFuel,
  type CombustionFuel,
  type Fuel,
} from './fuel';
export {
  VEHICLE_DESIGNATIONS,
  VEHICLE_USES,
  type Vehicle,
  type VehicleDesignation,
  type VehicleUse,
} from './vehicle';
export {
  hasEngine,
  isNonRoadMachinery,
  isVehicleCategory,
  NON_ROAD_MACHINERY_CATEGORIES,
  ROAD_VEHICLE_CATEGORIES,
  VEHICLE_CATEGORIES,
  VEHICLE_CATEGORY_LABELS,
  type NonRoadMachineryCategory,
  type RoadVehicleCategory,
  type VehicleCategory,
} from './vehicle-category';
