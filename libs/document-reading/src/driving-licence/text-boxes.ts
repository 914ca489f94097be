import { type Point, type Quad } from '@ecogate/lpr';

/** A line of text the detector found: an oriented rectangle in source pixels. */
export interface TextBox {
  /** Top-left, top-right, bottom-right, bottom-left, along the line's direction. */
  readonly quad: Quad;
  /** Mean text probability inside the region. */
  readonly score: number;
}

export interface ProbabilityMap {
  readonly width: number;
  readonly height: number;
  /** One probability in [0, 1] per pixel, row-major. */
  readonly data: Float32Array;
}

export interface BoxOptions {
  /** A pixel is text above this probability (PaddleOCR's `thresh`). */
  readonly binaryThreshold: number;
  /** A region is kept when its mean probability reaches this (PaddleOCR's `box_thresh`). */
  readonly minScore: number;
  /** How far the shrunk region the model predicts is grown back (PaddleOCR's `unclip_ratio`). */
  readonly unclipRatio: number;
  /** Regions with a shorter side (map pixels, before unclipping) are noise. */
  readonly minSide: number;
}

export const DEFAULT_BOX_OPTIONS: BoxOptions = {
  binaryThreshold: 0.3,
  minScore: 0.6,
  unclipRatio: 1.5,
  minSide: 3,
};

/**
 * DB post-processing: binarise the map, take each 8-connected region, fit an oriented rectangle
 * (principal axis of its pixels, so a tilted photo gives tilted lines), grow it by
 * area × ratio / perimeter as DB's shrunk targets require, and scale it to the source image.
 */
export function boxesFromProbabilityMap(
  map: ProbabilityMap,
  scale: { readonly x: number; readonly y: number },
  options: BoxOptions = DEFAULT_BOX_OPTIONS,
): TextBox[] {
  const { width, height, data } = map;
  const seen = new Uint8Array(width * height);
  const boxes: TextBox[] = [];
  const stack: number[] = [];
  const members: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || (data[start] as number) <= options.binaryThreshold) continue;
    members.length = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      members.push(i);
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (!seen[j] && (data[j] as number) > options.binaryThreshold) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    const box = regionBox(members, map, scale, options);
    if (box) boxes.push(box);
  }
  return boxes;
}

function regionBox(
  members: readonly number[],
  map: ProbabilityMap,
  scale: { readonly x: number; readonly y: number },
  options: BoxOptions,
): TextBox | undefined {
  if (members.length < options.minSide * options.minSide) return undefined;
  let sx = 0;
  let sy = 0;
  let sp = 0;
  for (const i of members) {
    sx += i % map.width;
    sy += Math.floor(i / map.width);
    sp += map.data[i] as number;
  }
  const n = members.length;
  const score = sp / n;
  if (score < options.minScore) return undefined;
  const cx = sx / n;
  const cy = sy / n;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const i of members) {
    const dx = (i % map.width) - cx;
    const dy = Math.floor(i / map.width) - cy;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  // The principal axis, kept within ±45° of horizontal: text lines read left to right.
  let angle = 0.5 * Math.atan2(2 * xy, xx - yy);
  if (angle > Math.PI / 4) angle -= Math.PI / 2;
  if (angle < -Math.PI / 4) angle += Math.PI / 2;
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (const i of members) {
    const dx = (i % map.width) - cx;
    const dy = Math.floor(i / map.width) - cy;
    const u = dx * ux + dy * uy;
    const v = -dx * uy + dy * ux;
    if (u < minU) minU = u;
    if (u > maxU) maxU = u;
    if (v < minV) minV = v;
    if (v > maxV) maxV = v;
  }
  // Pixel centres → pixel edges.
  const long = maxU - minU + 1;
  const short = maxV - minV + 1;
  if (Math.min(long, short) < options.minSide) return undefined;
  const grow = (long * short * options.unclipRatio) / (2 * (long + short));
  const u0 = minU - 0.5 - grow;
  const u1 = maxU + 0.5 + grow;
  const v0 = minV - 0.5 - grow;
  const v1 = maxV + 0.5 + grow;
  // Map pixel centre c sits at source coordinate (c + 0.5) × scale.
  const corner = (u: number, v: number): Point => ({
    x: (cx + u * ux - v * uy + 0.5) * scale.x,
    y: (cy + u * uy + v * ux + 0.5) * scale.y,
  });
  return { quad: [corner(u0, v0), corner(u1, v0), corner(u1, v1), corner(u0, v1)], score };
}
