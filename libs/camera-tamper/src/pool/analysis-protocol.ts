import { type TamperThresholds } from '../thresholds';
import { type ViewAssessment, type ViewSignature } from '../types';

/** One analysis a worker runs; the image bytes are transferred to it. */
export type AnalysisJob =
  | { readonly op: 'signature'; readonly image: Uint8Array }
  | {
      readonly op: 'assess';
      readonly reference: ViewSignature;
      readonly image: Uint8Array;
      readonly thresholds?: Partial<TamperThresholds>;
    }
  | { readonly op: 'fingerprint'; readonly image: Uint8Array };

export type AnalysisResult = ViewSignature | ViewAssessment | string;

export type ToAnalysisWorker = { readonly id: number; readonly job: AnalysisJob };

export type FromAnalysisWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: AnalysisResult }
  /** The analysis threw: its error's name (the lib's typed errors are rebuilt in the caller's thread) and message. */
  | { readonly type: 'failed'; readonly id: number; readonly name: string; readonly message: string };
