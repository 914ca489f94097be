/**
 * Camera tamper checks: compares a camera's current frame with the reference view taken at
 * commissioning (structure/edge-based, so day/night and weather do not trigger it), and
 * fingerprints frames so a caller can tell a frozen stream. Pure image analysis: no other I/O.
 */
export type TamperKind = 'shifted' | 'covered' | 'blurred' | 'too-dark' | 'frozen';

/** A reference view reduced to what the comparison needs (edge map etc.); JSON-serialisable so it can be stored. */
export interface ViewSignature {
  readonly version: 1;
  /** Working size the frame was reduced to. */
  readonly width: number;
  readonly height: number;
  /** Edge map, one bit per working pixel, row-major, base64. */
  readonly edges: string;
  /** Coarse grid: per block, the share of its pixels that are edges (0..1), row-major. */
  readonly blockEdgeDensity: readonly number[];
  readonly gridColumns: number;
  readonly gridRows: number;
  /** Mean gradient magnitude of the contrast-normalised frame (sharpness). */
  readonly sharpness: number;
  /** Mean luminance 0..255 and its standard deviation, of the raw frame. */
  readonly brightness: number;
  readonly contrast: number;
}

export interface ViewAssessment {
  /** null: the view is as commissioned. */
  readonly kind: TamperKind | null;
  /** e.g. edgeOverlap, sharpness, brightness, coveredShare. */
  readonly scores: Readonly<Record<string, number>>;
  /** One line for a person, e.g. "scene shifted: 38 % of reference edges found". */
  readonly reason: string;
}

export interface TamperThresholds {
  /** Below this share of reference edges found near where they were (best small offset), the scene has shifted. */
  readonly minEdgeOverlap: number;
  /** A block counts as covered when its edge density drops below this share of the reference's. */
  readonly coveredBlockRatio: number;
  /** Above this share of the reference's textured blocks being covered, the camera is covered. */
  readonly maxCoveredShare: number;
  /** Below this ratio of current to reference sharpness, the view is out of focus. */
  readonly minSharpnessRatio: number;
  /** Below this mean luminance (0..255) ... */
  readonly minBrightness: number;
  /** ... or this luminance standard deviation, there is too little signal to judge: too dark. */
  readonly minContrast: number;
}

export const DEFAULT_TAMPER_THRESHOLDS: TamperThresholds = {
  minEdgeOverlap: 0.5,
  coveredBlockRatio: 0.25,
  maxCoveredShare: 0.3,
  minSharpnessRatio: 0.5,
  minBrightness: 12,
  minContrast: 4,
};

export async function viewSignature(_jpegOrPng: Buffer): Promise<ViewSignature> {
  throw new Error('camera-tamper: viewSignature not built yet');
}

export async function assessView(
  _reference: ViewSignature,
  _current: Buffer,
  _options?: Partial<TamperThresholds>,
): Promise<ViewAssessment> {
  throw new Error('camera-tamper: assessView not built yet');
}

/** Frozen: the same frame for minutes; compares consecutive frames' fingerprints. */
export async function frameFingerprint(_jpegOrPng: Buffer): Promise<string> {
  throw new Error('camera-tamper: frameFingerprint not built yet');
}
