import sharp from 'sharp';
import { createRawImage, type RawImage } from '../image/raw-image';

/** Writes a BMP (24-bit BI_RGB, or 32-bit BI_RGB / BI_BITFIELDS), bottom-up unless `topDown`. */
export function encodeBmp(
  image: RawImage,
  options: { bits: 24 | 32; topDown?: boolean; bitfields?: boolean } = { bits: 24 },
): Buffer {
  const { width, height, data } = image;
  const bytesPerPixel = options.bits / 8;
  const stride = Math.floor((options.bits * width + 31) / 32) * 4;
  const headerSize = options.bitfields ? 40 + 12 : 40;
  const offset = 14 + headerSize;
  const out = Buffer.alloc(offset + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(options.topDown ? -height : height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(options.bits, 28);
  out.writeUInt32LE(options.bitfields ? 3 : 0, 30);
  out.writeUInt32LE(stride * height, 34);
  if (options.bitfields) {
    out.writeUInt32LE(0x00ff0000, 54);
    out.writeUInt32LE(0x0000ff00, 58);
    out.writeUInt32LE(0x000000ff, 62);
  }
  for (let y = 0; y < height; y++) {
    const row = offset + (options.topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 3;
      const d = row + x * bytesPerPixel;
      out[d] = data[s + 2] ?? 0;
      out[d + 1] = data[s + 1] ?? 0;
      out[d + 2] = data[s] ?? 0;
      if (bytesPerPixel === 4) out[d + 3] = 255;
    }
  }
  return out;
}

/** A small JPEG whose SOF header claims `width`×`height`: a "huge" image without the memory. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

/** A plate-less street-like scene: sky, grey road, a few coloured blocks, noise. */
export async function plateLessScene(): Promise<Buffer> {
  const blocks = [
    { colour: '#2d5a27', left: 20, top: 200, width: 180, height: 120 },
    { colour: '#8a8a8a', left: 260, top: 260, width: 300, height: 60 },
    { colour: '#c83232', left: 400, top: 120, width: 120, height: 90 },
  ];
  const composites = await Promise.all(
    blocks.map(async (b) => ({
      input: await sharp({ create: { width: b.width, height: b.height, channels: 3, background: b.colour } })
        .png()
        .toBuffer(),
      left: b.left,
      top: b.top,
    })),
  );
  return sharp({ create: { width: 640, height: 400, channels: 3, background: '#87b5e0' } })
    .composite(composites)
    .jpeg()
    .toBuffer();
}

/** A width×height RGB image whose pixels follow `fill(x, y)`. */
export function rawImage(
  width: number,
  height: number,
  fill: (x: number, y: number) => [number, number, number],
): RawImage {
  const image = createRawImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set(fill(x, y), (y * width + x) * 3);
  }
  return image;
}
