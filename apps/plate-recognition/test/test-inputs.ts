import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { defaultModelDir } from '@ecogate/lpr';

// Real samples from ../shared (beside the repository, here and in CI) and generated bad inputs.
const SAMPLES = join(defaultModelDir(), '..', 'samples', 'plates');

export const scene = (file: string): Buffer => readFileSync(join(SAMPLES, 'scene', file));
export const crop = (file: string): Buffer => readFileSync(join(SAMPLES, 'crops', file));

/** The image as an uncompressed 24-bit bottom-up BMP. */
export async function asBmp(image: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const stride = Math.floor((24 * info.width + 31) / 32) * 4;
  const out = Buffer.alloc(54 + stride * info.height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(info.width, 18);
  out.writeInt32LE(info.height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const s = (y * info.width + x) * 3;
      const d = 54 + (info.height - 1 - y) * stride + x * 3;
      out[d] = data[s + 2] ?? 0;
      out[d + 1] = data[s + 1] ?? 0;
      out[d + 2] = data[s] ?? 0;
    }
  }
  return out;
}

/** A 16×16 JPEG whose header claims `width`×`height`. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

/** A plate-less synthetic photo: sky, a grey road and a red block. */
export async function plateLess(): Promise<Buffer> {
  const road = await sharp({ create: { width: 640, height: 120, channels: 3, background: '#6e6e6e' } })
    .png()
    .toBuffer();
  const block = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#c83232' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 640, height: 400, channels: 3, background: '#87b5e0' } })
    .composite([
      { input: road, left: 0, top: 280 },
      { input: block, left: 400, top: 150 },
    ])
    .jpeg()
    .toBuffer();
}
