import { createRawImage, type RawImage, RGB_CHANNELS } from '@ecogate/lpr';

/**
 * The image turned clockwise by `turns` quarter turns. A card photographed from its side or from
 * across the desk lies sideways or upside down whatever the EXIF orientation says; the detector
 * only follows tilts up to 45°, so the reader tries the other three orientations.
 */
export function rotateQuarterTurns(image: RawImage, turns: 0 | 1 | 2 | 3): RawImage {
  if (turns === 0) return image;
  const { width, height, data } = image;
  const sideways = turns % 2 === 1;
  const out = createRawImage(sideways ? height : width, sideways ? width : height);
  const channels = RGB_CHANNELS;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Where source pixel (x, y) lands in the turned image.
      const [tx, ty] =
        turns === 1
          ? [height - 1 - y, x]
          : turns === 2
            ? [width - 1 - x, height - 1 - y]
            : [y, width - 1 - x];
      const s = (y * width + x) * channels;
      const d = (ty * out.width + tx) * channels;
      out.data[d] = data[s] as number;
      out.data[d + 1] = data[s + 1] as number;
      out.data[d + 2] = data[s + 2] as number;
    }
  }
  return out;
}
