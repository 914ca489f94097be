// Alerts and admission: levels, lanes, emergency plans, exemptions, the gate decision. Rules: docs/domain-model.md.
export {
  decide,
  evaluatePolicy,
  type AdmissionDecision,
  type AdmissionFacts,
  type AdmissionSubject,
} from './admission-decision';
export { admissionMessage, type MessageInput } from './admission-message';
export {
  LANE_REASONS,
  POLICY_REASONS,
  type LaneReason,
  type PolicyReason,
  type ReasonCode,
  type StageReason,
  type Verdict,
} from './admission-reason';
export {
  ALERT_LEVEL_LABELS,
  ALERT_LEVELS,
  compareAlertLevels,
  isAlert,
  isAlertLevel,
  isSevereAlert,
  type AlertLevel,
  type SevereAlertLevel,
} from './alert-level';
export {
  buildDefaultEmergencyPlan,
  DEFAULT_HEAVY_TRUCK_CATEGORIES,
  type DefaultPlanOptions,
} from './default-emergency-plan';
export {
  type EmergencyPlan,
  type LevelPolicy,
  type LocalisedText,
  type SevereLevelPolicy,
  type StageRequirement,
  type UnknownStageRule,
} from './emergency-plan';
export {
  EXEMPTION_KIND_LABELS,
  exemptionCovers,
  findActiveExemption,
  isExemptionActive,
  type Exemption,
  type ExemptionKind,
} from './exemption';
export { LANE_MODE_LABELS, LANE_MODES, type Lane, type LaneMode } from './lane';
export { validateEmergencyPlan, type PlanError, type PlanErrorCode } from './plan-validation';
export { type PolicyOutcome } from './policy-outcome';
