import { createRawImage, type RawImage, RGB_CHANNELS } from './raw-image';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Corners in reading order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** Row-major 3×3 matrix with h[8] = 1. */
export type Homography = readonly number[];

/**
 * The homography that maps each `from[i]` onto `to[i]` (the classic 8-unknown DLT with h33 = 1).
 * Undefined when three points are collinear and no projective map exists.
 */
export function homography(from: Quad, to: Quad): Homography | undefined {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i] as Point;
    const { x: u, y: v } = to[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
    a.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
  }
  const h = solve(a);
  return h ? [...h, 1] : undefined;
}

export function applyHomography(h: Homography, p: Point): Point {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0] = h;
  const w = g * p.x + k * p.y + 1;
  return { x: (a * p.x + b * p.y + c) / w, y: (d * p.x + e * p.y + f) / w };
}

/** Size of the rectified plate, as the model README specifies: the longer of opposite sides. */
export function rectifiedSize(quad: Quad): { width: number; height: number } {
  const [tl, tr, br, bl] = quad;
  const dist = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);
  return {
    width: Math.max(1, Math.round(Math.max(dist(br, bl), dist(tr, tl)))),
    height: Math.max(1, Math.round(Math.max(dist(tr, br), dist(tl, bl)))),
  };
}

/**
 * Rectifies the quadrilateral `quad` of `source` into a `width`×`height` image: each output pixel
 * is mapped back through the inverse homography and sampled bilinearly; outside the source is 0.
 */
export function warpPerspective(
  source: RawImage,
  quad: Quad,
  width: number,
  height: number,
): RawImage | undefined {
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: width - 1, y: 0 },
    { x: width - 1, y: height - 1 },
    { x: 0, y: height - 1 },
  ];
  const inverse = homography(rect, quad);
  if (!inverse) return undefined;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0] = inverse;
  const out = createRawImage(width, height);
  const { data: src, width: sw, height: sh } = source;
  const dst = out.data;
  // A local copy: an imported binding is a getter call per use in CommonJS output, 5× slower here.
  const channels = RGB_CHANNELS;
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = g * x + k * y + 1;
      const sx = (a * x + b * y + c) / w;
      const sy = (d * x + e * y + f) / w;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      // Weights of the four neighbours; a neighbour outside the image contributes 0 (border 0).
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const in0 = y0 >= 0 && y0 < sh;
      const in1 = y0 + 1 >= 0 && y0 + 1 < sh;
      const left = x0 >= 0 && x0 < sw;
      const right = x0 + 1 >= 0 && x0 + 1 < sw;
      const p00 = (y0 * sw + x0) * channels;
      const p10 = p00 + channels;
      const p01 = p00 + sw * channels;
      const p11 = p01 + channels;
      for (let ch = 0; ch < channels; ch++) {
        let v = 0;
        if (in0 && left) v += w00 * (src[p00 + ch] as number);
        if (in0 && right) v += w10 * (src[p10 + ch] as number);
        if (in1 && left) v += w01 * (src[p01 + ch] as number);
        if (in1 && right) v += w11 * (src[p11 + ch] as number);
        dst[o++] = Math.round(v);
      }
    }
  }
  return out;
}

/** Gaussian elimination with partial pivoting on an augmented n×(n+1) matrix. */
function solve(m: number[][]): number[] | undefined {
  const n = m.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number))
        pivot = r;
    }
    const pivotRow = m[pivot] as number[];
    if (Math.abs(pivotRow[col] as number) < 1e-12) return undefined;
    [m[col], m[pivot]] = [pivotRow, m[col] as number[]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const factor = (row[col] as number) / (pivotRow[col] as number);
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}
