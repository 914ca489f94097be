import { createRawImage, type RawImage, RGB_CHANNELS } from './raw-image';

/**
 * Plain bilinear resize with pixel-centre alignment and edge replication (OpenCV INTER_LINEAR),
 * no aspect ratio kept: what the recogniser was trained with.
 */
export function resizeBilinear(source: RawImage, width: number, height: number): RawImage {
  const out = createRawImage(width, height);
  const { data: src, width: sw, height: sh } = source;
  // A local copy: an imported binding is a getter call per use in CommonJS output.
  const channels = RGB_CHANNELS;
  const scaleX = sw / width;
  const scaleY = sh / height;
  const xs = new Int32Array(width * 2);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), sw - 1);
    const x0 = Math.floor(sx);
    xs[2 * x] = x0 * channels;
    xs[2 * x + 1] = Math.min(x0 + 1, sw - 1) * channels;
    fxs[x] = sx - x0;
  }
  let o = 0;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), sh - 1);
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    const row0 = y0 * sw * channels;
    const row1 = Math.min(y0 + 1, sh - 1) * sw * channels;
    for (let x = 0; x < width; x++) {
      const x0 = xs[2 * x] as number;
      const x1 = xs[2 * x + 1] as number;
      const fx = fxs[x] as number;
      for (let ch = 0; ch < channels; ch++) {
        const top = (src[row0 + x0 + ch] as number) * (1 - fx) + (src[row0 + x1 + ch] as number) * fx;
        const bottom = (src[row1 + x0 + ch] as number) * (1 - fx) + (src[row1 + x1 + ch] as number) * fx;
        out.data[o++] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}
