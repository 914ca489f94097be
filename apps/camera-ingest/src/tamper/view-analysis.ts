import {
  assessView,
  frameFingerprint,
  type ViewAssessment,
  type ViewSignature,
  viewSignature,
} from '@ecogate/camera-tamper';

export const VIEW_ANALYSIS = Symbol('VIEW_ANALYSIS');

/** The image analysis the reference views and the view check use (`@ecogate/camera-tamper`; tests may fake it). */
export interface ViewAnalysis {
  signature(image: Buffer): Promise<ViewSignature>;
  assess(reference: ViewSignature, frame: Buffer): Promise<ViewAssessment>;
  fingerprint(frame: Buffer): Promise<string>;
}

export const cameraTamperAnalysis: ViewAnalysis = {
  signature: (image) => viewSignature(image),
  assess: (reference, frame) => assessView(reference, frame),
  fingerprint: (frame) => frameFingerprint(frame),
};
