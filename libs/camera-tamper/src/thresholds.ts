/**
 * Decision thresholds of assessView. Calibrated with `npm run bench:tamper` on the footage the
 * testing entry generates from the 24 real sample scenes (shifted, rotated, zoomed, covered,
 * blurred, dark) and their unaltered day/overcast/night/rain variants, 3 seeds; the ranges quoted
 * are that bench's score ranges, and each threshold sits between the unaltered and the tampered
 * range. docs/camera-tamper.md has the figures.
 */
export interface TamperThresholds {
  /**
   * Below this chance-corrected share of reference edges found (within a pixel) where they were,
   * the scene has shifted. 1 = all found, 0 = no better than chance. Unaltered variants score
   * 0.76-1 (night lowest); zooms ≤ 0.35; re-aims and rotations from 0 to 0.6, so the offset and
   * tile searches below catch the rest of them.
   */
  readonly minEdgeOverlap: number;
  /**
   * A small shift is told from noise by searching offsets of up to `maxShiftSearch` px: when one
   * offset of at least `minShiftPixels` explains the reference edges by this much more than no
   * offset, the camera moved. Jitter of a pixel or two (wind, vibration) stays under minShiftPixels:
   * unaltered frames' best offset is within ±1 px. 16 px is 8 % of the working width.
   */
  readonly minShiftGain: number;
  readonly minShiftPixels: number;
  readonly maxShiftSearch: number;
  /**
   * The same offset search per tile of a 3×3 grid: a rotation or zoom moves the edges of the
   * outer tiles in different directions, which no single offset explains. Above this share of
   * tiles (with enough edges; at least 2 of them) moved, the scene has shifted. Unaltered
   * 0; rotations of 3-6° 0.56-0.89.
   */
  readonly maxMovedTileShare: number;
  /** A reference block is textured (can tell a cover) above this std/mean (sensor noise on a flat block: 0.01-0.03)... */
  readonly minBlockTexture: number;
  /** ...and this share of edge pixels. */
  readonly minBlockEdgeDensity: number;
  /**
   * A textured block is covered when its texture falls below this share of the reference's:
   * a hand, cloth or board is flat where the scene had structure. Night lowers texture by at
   * most a half (noise adds some back); a cover by 4-20×.
   */
  readonly coveredBlockRatio: number;
  /**
   * Above this share of the reference's textured blocks covered, the camera is covered. Unaltered
   * ≤ 0.09 (headlight glare, flat light); covers of 30-80 % of the frame 0.19-0.82, except a hand
   * over low-texture road (0.03-0.15: the misses).
   */
  readonly maxCoveredShare: number;
  /**
   * A cover leaves the rest of the view in place: the reference edges outside the covered blocks
   * must score at least this. A zoom or re-aim also brings flat areas where the reference had
   * texture, but moves the rest too (covers score 0.77-1 here), which the offset and tile
   * searches on the uncovered edges also check.
   */
  readonly minUncoveredEdgeOverlap: number;
  /**
   * Below this ratio of current to reference sharpness (median over blocks textured in both), the
   * view is out of focus. Unaltered 0.92-1.10 (noise and rain raise it); defocus σ of 0.8-1.4 %
   * of the width 0.33-0.59.
   */
  readonly minSharpnessRatio: number;
  /**
   * Too dark: the brightest 2 % of the frame is below this luminance (0..255): nothing to judge.
   * Unaltered night ≥ 47; lights out / lens painted 6-11.
   */
  readonly minHighlight: number;
}

export const DEFAULT_TAMPER_THRESHOLDS: TamperThresholds = {
  minEdgeOverlap: 0.35,
  minShiftGain: 0.2,
  minShiftPixels: 3,
  maxShiftSearch: 16,
  maxMovedTileShare: 0.3,
  minBlockTexture: 0.04,
  minBlockEdgeDensity: 0.02,
  coveredBlockRatio: 0.35,
  maxCoveredShare: 0.15,
  minUncoveredEdgeOverlap: 0.5,
  minSharpnessRatio: 0.7,
  minHighlight: 24,
};
