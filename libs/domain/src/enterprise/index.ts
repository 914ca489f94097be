// Enterprises: credit code, district, performance class, industry, cargo-volume band, retention. Rules: docs/domain-model.md.
export {
  alertVehicleRuleApplies,
  CARGO_VOLUME_THRESHOLD_PER_DAY,
  cargoVolumeBand,
  mayOmitBarrier,
  type CargoVolume,
  type CargoVolumeBand,
} from './cargo-volume-band';
export {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  parseCreditCode,
  type CreditCode,
  type CreditCodeError,
  type CreditCodeErrorCode,
} from './credit-code';
export { isDistrictCode } from './district-code';
export { type EnterpriseProfile } from './enterprise';
export { INDUSTRIES, isIndustry, type Industry } from './industry';
export {
  decidesOwnReductions,
  isPerformanceClass,
  PERFORMANCE_CLASSES,
  requiresGateSystem,
  type PerformanceClass,
} from './performance-class';
export {
  checkDeletion,
  deletableFrom,
  NATIONAL_RETENTION_FLOORS,
  raiseRetentionFloors,
  retentionPolicy,
  type RetainedData,
  type RetentionDays,
  type RetentionError,
  type RetentionErrorCode,
  type RetentionPolicy,
} from './retention-policy';
