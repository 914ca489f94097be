import sharp from 'sharp';
import { decodeBmp } from './bmp-decoder';
import { type DecodeFailure, decodeFailure } from './decode-failure';
import { type ImageFormat, sniffImageFormat } from './image-format';
import { type RawImage, RGB_CHANNELS } from './raw-image';

export interface DecodeOptions {
  /** Inputs with more pixels are refused from their header, before any pixel is allocated. */
  readonly maxPixels: number;
  /** libvips gives up after this many seconds (a guard against pathological files). */
  readonly timeoutSeconds: number;
}

export type DecodeResult =
  { readonly ok: true; readonly image: RawImage; readonly format: ImageFormat } | DecodeFailure;

/** Bytes → upright 8-bit RGB (EXIF orientation applied, alpha dropped, 16-bit reduced). Never throws. */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions): Promise<DecodeResult> {
  if (bytes.length === 0) return decodeFailure('empty', 'the image is empty');
  const format = sniffImageFormat(bytes);
  if (!format) return decodeFailure('unsupported-format', 'not a JPEG, PNG or BMP image');
  if (format === 'bmp') {
    const bmp = decodeBmp(bytes, options.maxPixels);
    return bmp.ok ? { ok: true, image: bmp.image, format } : bmp;
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'error' })
      .timeout({ seconds: options.timeoutSeconds })
      .autoOrient()
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== RGB_CHANNELS)
      return decodeFailure('corrupt', `unexpected ${info.channels} channels`);
    return {
      ok: true,
      format,
      image: {
        width: info.width,
        height: info.height,
        data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      },
    };
  } catch (error) {
    return classifySharpError(error);
  }
}

function classifySharpError(error: unknown): DecodeFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return decodeFailure('too-large', message);
  if (/premature end|truncated|end of (stream|file|data)|not enough data|read error/i.test(message)) {
    return decodeFailure('truncated', message);
  }
  return decodeFailure('corrupt', message);
}

/** Encodes an RGB image as JPEG (plate crops returned to callers and kept for review). */
export async function encodeJpeg(image: RawImage, quality = 90): Promise<Uint8Array> {
  const buffer = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: RGB_CHANNELS },
  })
    .jpeg({ quality })
    .toBuffer();
  // A copy in a plain ArrayBuffer of its own, so it can be transferred between threads.
  return new Uint8Array(buffer);
}
