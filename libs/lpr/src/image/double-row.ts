import { resizeBilinear } from './bilinear-resize';
import { createRawImage, type RawImage, RGB_CHANNELS, sliceRows } from './raw-image';

/**
 * Turns a rectified double-row plate into one line the recogniser can read: the upper band
 * (province + letter) is stretched to the lower band's size and placed on its left. The bands
 * overlap on purpose (upper [0, 5h/12), lower [h/3, h)), as the model was trained.
 */
export function joinDoubleRow(plate: RawImage): RawImage {
  const h = plate.height;
  const upper = sliceRows(plate, 0, Math.max(1, Math.floor((5 * h) / 12)));
  const lower = sliceRows(plate, Math.floor(h / 3), h);
  const stretched = resizeBilinear(upper, lower.width, lower.height);
  const out = createRawImage(lower.width * 2, lower.height);
  const rowBytes = lower.width * RGB_CHANNELS;
  for (let y = 0; y < lower.height; y++) {
    out.data.set(stretched.data.subarray(y * rowBytes, (y + 1) * rowBytes), y * rowBytes * 2);
    out.data.set(lower.data.subarray(y * rowBytes, (y + 1) * rowBytes), y * rowBytes * 2 + rowBytes);
  }
  return out;
}
