// Emission stages: order, export codes, evidence, inference from dates, plausibility. Rules: docs/domain-model.md.
export {
  EMISSION_STAGE_LABELS,
  EMISSION_STAGES,
  isEmissionStage,
  type EmissionStage,
} from './emission-stage';
export {
  fromStageExportCode,
  NRMM_DISCLOSURE_NUMBER_LENGTH,
  stageFromNrmmDisclosureNumber,
  toStageExportCode,
  type StageCodeError,
  type StageExportCode,
} from './stage-export-code';
export { stageFromVehicleDisclosureNumber } from './vehicle-disclosure-number';
export {
  compareEvidenceBySource,
  latestBySource,
  stagesAgree,
  type SourceStage,
  type StageDisagreement,
} from './stage-disagreement';
export {
  compareEvidence,
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  evidenceStrength,
  mayGrantDuringAlert,
  strongestEvidence,
  type EvidenceSource,
  type StageEvidence,
} from './stage-evidence';
export {
  inferStage,
  type InferenceBasis,
  type InferredStage,
  type StageInferenceError,
  type StageInferenceErrorCode,
  type StageInferenceInput,
} from './stage-inference';
export {
  DEFAULT_STAGE_INFERENCE_TABLE,
  EXAMPLE_REGIONAL_STAGE_RULES,
  NATIONAL_REGION,
  NATIONAL_STAGE_RULES,
  type StageInferenceTable,
  type StageRule,
  type StageRuleStatus,
} from './stage-inference-table';
export {
  compareStages,
  higherStage,
  isAtLeast,
  isAtMost,
  lowerStage,
  mayBeAtLeast,
  upperBoundOf,
} from './stage-order';
export {
  checkStageAgainstModelYear,
  DEFAULT_STAGE_LEAD_YEARS,
  stageContradictsFuel,
  type ModelYearCheck,
  type ModelYearCheckInput,
  type ModelYearVerdict,
} from './stage-plausibility';
