/**
 * Decision thresholds of assessView. Calibrated with `npm run bench:tamper` on the footage the
 * testing entry generates from the real sample scenes (shifted, rotated, zoomed, covered, blurred,
 * dark) and their unaltered day/overcast/night/rain variants; docs/camera-tamper.md has the figures.
 */
export interface TamperThresholds {
  /**
   * Below this chance-corrected share of reference edges found (within a pixel) where they were,
   * the scene has shifted. 1 = all found, 0 = no better than chance. Unaltered day/night/rain
   * variants score 0.55-0.95; a re-aim of 4 % of the view or a 3° rotation or 15 % zoom below 0.3.
   */
  readonly minEdgeOverlap: number;
  /**
   * A small shift is told from noise by searching offsets of up to `maxShiftSearch` px: when one
   * offset of at least `minShiftPixels` explains the reference edges by this much more than no
   * offset, the camera moved. Jitter of a pixel or two (wind, vibration) stays under minShiftPixels.
   */
  readonly minShiftGain: number;
  readonly minShiftPixels: number;
  readonly maxShiftSearch: number;
  /**
   * The same offset search per tile of a 3×3 grid: a rotation or zoom moves the edges of the
   * outer tiles in different directions, which no single offset explains. Above this share of
   * tiles (with enough edges) moved, the scene has shifted.
   */
  readonly maxMovedTileShare: number;
  /** A reference block is textured (can tell a cover) above this std/mean... */
  readonly minBlockTexture: number;
  /** ...and this share of edge pixels. */
  readonly minBlockEdgeDensity: number;
  /**
   * A textured block is covered when its texture falls below this share of the reference's:
   * a hand, cloth or board is flat where the scene had structure. Night lowers texture by at
   * most a half (noise adds some back); a cover by 4-20×.
   */
  readonly coveredBlockRatio: number;
  /** Above this share of the reference's textured blocks covered, the camera is covered (the generated covers take 30-80 % of the frame). */
  readonly maxCoveredShare: number;
  /**
   * A cover leaves the rest of the view in place: the reference edges outside the covered blocks
   * must score at least this. A zoom or re-aim also brings flat areas where the reference had
   * texture, but moves the rest too (covers score 0.6-1 here, zooms 0.1-0.45).
   */
  readonly minUncoveredEdgeOverlap: number;
  /**
   * Below this ratio of current to reference sharpness (median over blocks textured in both), the
   * view is out of focus. Night noise and rain raise sharpness; defocus of 1 % of the width halves it.
   */
  readonly minSharpnessRatio: number;
  /** Too dark: the brightest 2 % of the frame is below this luminance (0..255): nothing to judge. */
  readonly minHighlight: number;
}

export const DEFAULT_TAMPER_THRESHOLDS: TamperThresholds = {
  minEdgeOverlap: 0.35,
  minShiftGain: 0.2,
  minShiftPixels: 3,
  maxShiftSearch: 8,
  maxMovedTileShare: 0.3,
  minBlockTexture: 0.04,
  minBlockEdgeDensity: 0.02,
  coveredBlockRatio: 0.35,
  maxCoveredShare: 0.15,
  minUncoveredEdgeOverlap: 0.5,
  minSharpnessRatio: 0.7,
  minHighlight: 24,
};
