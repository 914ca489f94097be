/** Small numeric image filters on row-major Float32/Uint8 planes. Edges are clamped (replicated). */

type Plane = ArrayLike<number>;

/** Mean over a (2r+1)² box at every pixel, via an integral image. */
export function boxMean(src: Plane, width: number, height: number, r: number): Float32Array {
  const stride = width + 1;
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += src[y * width + x]!;
      integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1]! + row;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const sum =
        integral[y1 * stride + x1]! - integral[y0 * stride + x1]! - integral[y1 * stride + x0]! + integral[y0 * stride + x0]!;
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
export function normaliseContrast(src: Plane, width: number, height: number, r: number, floor: number): Float32Array {
  const squares = new Float32Array(width * height);
  for (let i = 0; i < squares.length; i++) squares[i] = src[i]! * src[i]!;
  const mean = boxMean(src, width, height, r);
  const meanSq = boxMean(squares, width, height, r);
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const std = Math.sqrt(Math.max(0, meanSq[i]! - mean[i]! * mean[i]!));
    out[i] = (src[i]! - mean[i]!) / (std + floor);
  }
  return out;
}

/** Sobel gradient magnitude, scaled so a ramp of 1 per pixel gives 1. */
export function sobelMagnitude(src: Plane, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const at = (x: number, y: number) =>
    src[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      out[y * width + x] = Math.hypot(gx, gy) / 8;
    }
  }
  return out;
}

/** The value below which `share` (0..1) of the samples lie. */
export function quantile(values: ArrayLike<number>, share: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(share * sorted.length)))]!;
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
      for (let dx = Math.max(0, x - r); dx <= Math.min(width - 1, x + r); dx++) rows[y * width + dx] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!rows[y * width + x]) continue;
      for (let dy = Math.max(0, y - r); dy <= Math.min(height - 1, y + r); dy++) out[dy * width + x] = 1;
    }
  }
  return out;
}
