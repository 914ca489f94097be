/**
 * Camera tamper checks: compares a camera's current frame with the reference view taken at
 * commissioning (structure/edge-based, so day/night and weather do not trigger it), and
 * fingerprints frames so a caller can tell a frozen stream. Pure image analysis: no other I/O.
 * docs/camera-tamper.md describes the method and its measured rates.
 */
export type { TamperKind, ViewSignature, ViewAssessment } from './types';
export { DEFAULT_TAMPER_THRESHOLDS, type TamperThresholds } from './thresholds';
export { viewSignature } from './view-signature';
export { assessView, ViewSignatureError } from './assess-view';
export { frameFingerprint } from './frame-fingerprint';
export { TamperImageError } from './image/grey-frame';
export {
  ViewAnalysisPool,
  ViewAnalysisPoolError,
  type PoolLogger,
  type PoolRefusal,
  type ViewAnalysisPoolOptions,
} from './pool/view-analysis-pool';
