import { type DecodeFailure, decodeFailure } from './decode-failure';
import { type RawImage, RGB_CHANNELS } from './raw-image';

// sharp (libvips) has no BMP loader, and cameras rarely send BMP, so this reads only the layouts
// that occur in practice: uncompressed 24-bit and 32-bit (BI_RGB, or BI_BITFIELDS with byte-aligned
// masks). Palettes, RLE and 16-bit are refused as unsupported.

const FILE_HEADER_BYTES = 14;
const BI_RGB = 0;
const BI_BITFIELDS = 3;
const INFO_HEADER_SIZES = new Set([40, 52, 56, 108, 124]);

export type BmpDecodeResult = { readonly ok: true; readonly image: RawImage } | DecodeFailure;

export function decodeBmp(bytes: Uint8Array, maxPixels: number): BmpDecodeResult {
  if (bytes.length < FILE_HEADER_BYTES + 40) return decodeFailure('truncated', 'BMP header is incomplete');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixelOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (!INFO_HEADER_SIZES.has(headerSize))
    return decodeFailure('unsupported-format', `BMP header size ${headerSize}`);
  const width = view.getInt32(18, true);
  const signedHeight = view.getInt32(22, true);
  const planes = view.getUint16(26, true);
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(signedHeight);
  if (planes !== 1 || width <= 0 || height === 0)
    return decodeFailure('corrupt', 'BMP dimensions are invalid');
  // Refuse by pixel count before allocating anything.
  if (width * height > maxPixels) {
    return decodeFailure('too-large', `${width}x${height} exceeds the limit of ${maxPixels} pixels`);
  }
  if (bitsPerPixel !== 24 && bitsPerPixel !== 32) {
    return decodeFailure('unsupported-format', `BMP with ${bitsPerPixel} bits per pixel`);
  }
  const shifts = channelShifts(view, headerSize, bitsPerPixel, compression);
  if (!shifts) return decodeFailure('unsupported-format', `BMP compression ${compression}`);

  const bytesPerPixel = bitsPerPixel / 8;
  const stride = Math.floor((bitsPerPixel * width + 31) / 32) * 4;
  if (pixelOffset < FILE_HEADER_BYTES + headerSize || pixelOffset + stride * height > bytes.length) {
    return decodeFailure('truncated', 'BMP pixel data is shorter than its header says');
  }
  const bottomUp = signedHeight > 0;
  const data = new Uint8Array(width * height * RGB_CHANNELS);
  for (let y = 0; y < height; y++) {
    const src = pixelOffset + (bottomUp ? height - 1 - y : y) * stride;
    let dst = y * width * RGB_CHANNELS;
    for (let x = 0; x < width; x++) {
      const p = src + x * bytesPerPixel;
      if (bytesPerPixel === 3) {
        data[dst++] = bytes[p + 2] ?? 0;
        data[dst++] = bytes[p + 1] ?? 0;
        data[dst++] = bytes[p] ?? 0;
      } else {
        const pixel = view.getUint32(p, true);
        data[dst++] = (pixel >>> shifts.red) & 0xff;
        data[dst++] = (pixel >>> shifts.green) & 0xff;
        data[dst++] = (pixel >>> shifts.blue) & 0xff;
      }
    }
  }
  return { ok: true, image: { width, height, data } };
}

interface ChannelShifts {
  red: number;
  green: number;
  blue: number;
}

const DEFAULT_SHIFTS: ChannelShifts = { red: 16, green: 8, blue: 0 };

function channelShifts(
  view: DataView,
  headerSize: number,
  bitsPerPixel: number,
  compression: number,
): ChannelShifts | undefined {
  if (compression === BI_RGB) return DEFAULT_SHIFTS;
  if (compression !== BI_BITFIELDS || bitsPerPixel !== 32) return undefined;
  // Masks follow a 40-byte header, or sit inside the V2+ headers at the same offset.
  if (view.byteLength < 66) return undefined;
  const masks = [view.getUint32(54, true), view.getUint32(58, true), view.getUint32(62, true)];
  const shifts = masks.map(byteShift);
  const [red, green, blue] = shifts;
  if (red === undefined || green === undefined || blue === undefined) return undefined;
  return { red, green, blue };
}

/** The shift of an 8-bit, byte-aligned mask (0xff << 8k); anything else is unsupported. */
function byteShift(mask: number): number | undefined {
  for (const shift of [0, 8, 16, 24]) if (mask >>> 0 === (0xff << shift) >>> 0) return shift;
  return undefined;
}
