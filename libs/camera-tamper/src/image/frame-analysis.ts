import { BLOCK_SIZE, type GreyFrame } from './grey-frame';
import { normaliseContrast, quantile, sobelMagnitude } from './filters';

// Math's functions as locals: these run per pixel, and a global lookup is slow inside a vm sandbox (Jest).
const { floor, max, sqrt } = Math;

/** Radius of the local contrast window (a 7×7 box at the working size). */
const CONTRAST_RADIUS = 3;
/** Luminance std (0..255) below which local contrast counts as noise rather than structure. */
const CONTRAST_FLOOR = 3;
/**
 * Normalised gradient below which a pixel is never an edge, whatever its rank: a flat or covered
 * frame then has few edges instead of its strongest noise.
 */
const MIN_EDGE_MAGNITUDE = 0.12;

export interface BlockStats {
  readonly mean: number;
  readonly std: number;
  /** Sharpness: rms gradient over std, so independent of exposure; defocus lowers it. */
  readonly sharpness: number;
}

export interface FrameAnalysis {
  readonly width: number;
  readonly height: number;
  readonly gridColumns: number;
  readonly gridRows: number;
  readonly brightness: number;
  readonly contrast: number;
  /** Luminance at the 98th percentile: how bright the brightest useful part of the frame is. */
  readonly highlight: number;
  /** Gradient magnitude of the contrast-normalised frame. */
  readonly structure: Float32Array;
  readonly blocks: readonly BlockStats[];
}

export function analyseFrame(frame: GreyFrame): FrameAnalysis {
  const { width, height, pixels } = frame;
  const gridColumns = floor(width / BLOCK_SIZE);
  const gridRows = floor(height / BLOCK_SIZE);
  let sum = 0;
  let sumSq = 0;
  for (const p of pixels) {
    sum += p;
    sumSq += p * p;
  }
  const brightness = sum / pixels.length;
  const contrast = sqrt(max(0, sumSq / pixels.length - brightness * brightness));
  const structure = sobelMagnitude(
    normaliseContrast(pixels, width, height, CONTRAST_RADIUS, CONTRAST_FLOOR),
    width,
    height,
  );
  const detailWidth = width * 2;
  const detail = frame.detail;
  const gradient = sobelMagnitude(frame.detail, detailWidth, height * 2);
  const blocks: BlockStats[] = [];
  for (let by = 0; by < gridRows; by++) {
    for (let bx = 0; bx < gridColumns; bx++) {
      // Statistics at the detail scale, where the block is 2·BLOCK_SIZE square.
      let s = 0;
      let s2 = 0;
      let g2 = 0;
      for (let y = 2 * by * BLOCK_SIZE; y < 2 * (by + 1) * BLOCK_SIZE; y++) {
        for (let x = 2 * bx * BLOCK_SIZE; x < 2 * (bx + 1) * BLOCK_SIZE; x++) {
          const p = detail[y * detailWidth + x] ?? 0;
          s += p;
          s2 += p * p;
          g2 += (gradient[y * detailWidth + x] ?? 0) ** 2;
        }
      }
      const n = 4 * BLOCK_SIZE * BLOCK_SIZE;
      const mean = s / n;
      const std = sqrt(max(0, s2 / n - mean * mean));
      blocks.push({ mean, std, sharpness: sqrt(g2 / n) / (std + 1) });
    }
  }
  return {
    width,
    height,
    gridColumns,
    gridRows,
    brightness,
    contrast,
    highlight: quantile(pixels, 0.98),
    structure,
    blocks,
  };
}

/** The strongest `share` of structure pixels (never below MIN_EDGE_MAGNITUDE), as a 0/1 mask. */
export function edgeMask(analysis: FrameAnalysis, share: number): Uint8Array {
  const threshold = max(MIN_EDGE_MAGNITUDE, quantile(analysis.structure, 1 - share));
  const mask = new Uint8Array(analysis.structure.length);
  analysis.structure.forEach((m, i) => (mask[i] = m >= threshold ? 1 : 0));
  return mask;
}

/** Texture of a block independent of exposure: std over mean (offset so near-black blocks are not all texture). */
export function blockTexture(block: BlockStats): number {
  return block.std / (block.mean + 10);
}
