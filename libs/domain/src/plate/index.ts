// Chinese motor-vehicle plates (GA 36-2018) and vendor plate tokens. Rules: docs/domain-model/plates.md.
export { ANPR_VENDORS, type AnprVendor } from './anpr-vendor';
export { joinDoubleRowPlate } from './double-row';
export {
  KnownPlates,
  SETTLED_BY,
  settleWithKnownPlates,
  type SettledBy,
  type PlateSettlement,
  type ReadCharacter,
  type SettlementRules,
  type UnsettledReason,
} from './known-plates';
export { parsePlate, type ParsePlateHint } from './parse-plate';
export {
  isRepaired,
  type NewEnergyClass,
  type Plate,
  type PlateColourSource,
  type PlateError,
  type PlateErrorCode,
  type PlateRepair,
  type PlateSuffix,
  type PlateWarning,
} from './plate';
export {
  isPlateColour,
  PLATE_COLOURS,
  toGaPlateColourCode,
  type GaPlateColourCode,
  type PlateColour,
} from './plate-colour';
export {
  colourContradictsKind,
  expectedColours,
  impliedColour,
  PLATE_KINDS,
  toGaPlateTypeCode,
  type GaPlateTypeCode,
  type PlateKind,
} from './plate-kind';
export { normalisePlateText } from './plate-text';
export { isProvince, PROVINCES, type Province } from './provinces';
export { normaliseVendorColour, type VendorColour } from './vendor-colour';
export { normaliseVendorPlateType, type PlateType, type VendorPlateType } from './vendor-plate-type';
