export type TamperKind = 'shifted' | 'covered' | 'blurred' | 'too-dark' | 'frozen';

/** A reference view reduced to what the comparison needs (edge map etc.); JSON-serialisable so it can be stored. */
export interface ViewSignature {
  readonly version: 1;
  /** Working size the frame was reduced to (width 192; height follows the aspect, whole blocks). */
  readonly width: number;
  readonly height: number;
  /** The strongest structure edges, one bit per working pixel, row-major, base64. */
  readonly edges: string;
  /** Coarse grid of 16×16 blocks, row-major. */
  readonly gridColumns: number;
  readonly gridRows: number;
  /** Per block: the share of its pixels that are reference edges (0..1). */
  readonly blockEdgeDensity: readonly number[];
  /** Per block: luminance std over mean, i.e. texture independent of exposure. */
  readonly blockTexture: readonly number[];
  /** Per block: rms gradient over std (defocus lowers it, exposure does not). */
  readonly blockSharpness: readonly number[];
  /** Median block sharpness over textured blocks. */
  readonly sharpness: number;
  /** Mean luminance 0..255 and its standard deviation, of the whole frame. */
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
