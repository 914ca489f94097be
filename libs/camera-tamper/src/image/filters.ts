/** Small numeric image filters on row-major Float32/Uint8 planes. Edges are clamped (replicated). */

// Math's functions as locals: these run per pixel, and a global lookup is slow inside a vm sandbox (Jest).
const { floor, max, min, sqrt } = Math;

type Plane = ArrayLike<number>;

/** Mean over a (2r+1)² box at every pixel, via an integral image. */
export function boxMean(plane: Plane, width: number, height: number, r: number): Float32Array {
  const src = Float32Array.from(plane);
  const stride = width + 1;
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += src[y * width + x] ?? 0;
      integral[(y + 1) * stride + x + 1] = (integral[y * stride + x + 1] ?? 0) + row;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = max(0, y - r);
    const y1 = min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = max(0, x - r);
      const x1 = min(width, x + r + 1);
      const sum =
        (integral[y1 * stride + x1] ?? 0) -
        (integral[y0 * stride + x1] ?? 0) -
        (integral[y1 * stride + x0] ?? 0) +
        (integral[y0 * stride + x0] ?? 0);
      out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/**
 * Local contrast normalisation: (I - local mean) / (local std + floor). Illumination (day, night,
 * a headlight's gradual glow) scales contrast locally; dividing it out leaves the structure. The
 * floor keeps sensor noise in flat regions from being blown up into structure.
 */
export function normaliseContrast(
  plane: Plane,
  width: number,
  height: number,
  r: number,
  noiseFloor: number,
): Float32Array {
  const src = Float32Array.from(plane);
  const squares = new Float32Array(width * height);
  for (let i = 0; i < squares.length; i++) squares[i] = (src[i] ?? 0) * (src[i] ?? 0);
  const mean = boxMean(src, width, height, r);
  const meanSq = boxMean(squares, width, height, r);
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const std = sqrt(max(0, (meanSq[i] ?? 0) - (mean[i] ?? 0) * (mean[i] ?? 0)));
    out[i] = ((src[i] ?? 0) - (mean[i] ?? 0)) / (std + noiseFloor);
  }
  return out;
}

/** Sobel gradient magnitude, scaled so a ramp of 1 per pixel gives 1. */
export function sobelMagnitude(src: Plane, width: number, height: number): Float32Array {
  // Copy into one concrete array type so the hot loop stays monomorphic; borders are clamped via index tables.
  const p = Float32Array.from(src);
  const out = new Float32Array(width * height);
  const left = Int32Array.from({ length: width }, (_, x) => max(0, x - 1));
  const right = Int32Array.from({ length: width }, (_, x) => min(width - 1, x + 1));
  for (let y = 0; y < height; y++) {
    const up = max(0, y - 1) * width;
    const row = y * width;
    const down = min(height - 1, y + 1) * width;
    for (let x = 0; x < width; x++) {
      const l = left[x] ?? 0;
      const r = right[x] ?? 0;
      const gx =
        (p[up + r] ?? 0) +
        2 * (p[row + r] ?? 0) +
        (p[down + r] ?? 0) -
        (p[up + l] ?? 0) -
        2 * (p[row + l] ?? 0) -
        (p[down + l] ?? 0);
      const gy =
        (p[down + l] ?? 0) +
        2 * (p[down + x] ?? 0) +
        (p[down + r] ?? 0) -
        (p[up + l] ?? 0) -
        2 * (p[up + x] ?? 0) -
        (p[up + r] ?? 0);
      out[row + x] = sqrt(gx * gx + gy * gy) / 8;
    }
  }
  return out;
}

/** The value below which `share` (0..1) of the samples lie. */
export function quantile(values: ArrayLike<number>, share: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[min(sorted.length - 1, max(0, floor(share * sorted.length)))] ?? 0;
}

export function median(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : quantile(values, 0.5);
}

/** Marks every pixel within `r` (Chebyshev distance) of a set pixel. */
export function dilate(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (let dx = max(0, x - r); dx <= min(width - 1, x + r); dx++) rows[y * width + dx] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!rows[y * width + x]) continue;
      for (let dy = max(0, y - r); dy <= min(height - 1, y + r); dy++) out[dy * width + x] = 1;
    }
  }
  return out;
}
