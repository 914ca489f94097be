import sharp from 'sharp';
import { type RawImage, RGB_CHANNELS } from '../image/raw-image';

export interface Letterbox {
  /** NCHW float32, RGB, v/255. */
  readonly tensor: Float32Array;
  readonly scale: number;
  readonly left: number;
  readonly top: number;
}

/** Resizes keeping the aspect ratio and pads to size×size, centred, as the detectors were trained. */
export async function letterbox(image: RawImage, size: number, padValue: number): Promise<Letterbox> {
  const scale = Math.min(size / image.height, size / image.width);
  const nw = Math.max(1, Math.min(size, Math.floor(image.width * scale)));
  const nh = Math.max(1, Math.min(size, Math.floor(image.height * scale)));
  const left = Math.floor((size - nw) / 2);
  const top = Math.floor((size - nh) / 2);
  const resized = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: RGB_CHANNELS },
  })
    .resize(nw, nh, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  const plane = size * size;
  const tensor = new Float32Array(plane * RGB_CHANNELS).fill(padValue / 255);
  for (let y = 0; y < nh; y++) {
    let s = y * nw * RGB_CHANNELS;
    let d = (y + top) * size + left;
    for (let x = 0; x < nw; x++, d++) {
      tensor[d] = (resized[s++] as number) / 255;
      tensor[d + plane] = (resized[s++] as number) / 255;
      tensor[d + 2 * plane] = (resized[s++] as number) / 255;
    }
  }
  return { tensor, scale, left, top };
}
