import sharp from 'sharp';

/** A greyscale frame at the working size: one byte of luminance per pixel, row-major. */
export interface GreyFrame {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  /**
   * The same frame at twice the working size (2·width × 2·height): defocus of about 1 % of the
   * width is only a pixel at the working size, and needs this finer scale to be measured.
   */
  readonly detail: Uint8Array;
}

/** The image could not be decoded (not a JPEG/PNG, truncated, empty). */
export class TamperImageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TamperImageError';
  }
}

/**
 * Working width: small enough that a check costs a few ms, large enough that a re-aim of a
 * couple of degrees moves edges by several pixels (1 px here is ~0.5 % of the field of view).
 */
export const WORKING_WIDTH = 192;
/** Blocks of the coarse grid (covered regions, local sharpness) are this many working pixels square. */
export const BLOCK_SIZE = 16;

/** Working height for a frame of this aspect: a whole number of blocks, between 6 and 16 of them. */
export function workingHeight(width: number, height: number): number {
  const blocks = Math.round((WORKING_WIDTH * height) / width / BLOCK_SIZE);
  return Math.min(16, Math.max(6, blocks)) * BLOCK_SIZE;
}

async function decodeSize(image: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(image).metadata();
  if (!meta.width || !meta.height) throw new TamperImageError('image has no dimensions');
  return { width: meta.width, height: meta.height };
}

/**
 * Decodes a JPEG/PNG to luminance at the working size. `size` forces a size (a current frame is
 * brought to its reference's size); without it the width is WORKING_WIDTH and the height follows
 * the aspect. The frame is stretched to fill, never padded: the same camera always has the same aspect.
 */
export async function greyFrame(image: Buffer, size?: { width: number; height: number }): Promise<GreyFrame> {
  if (!Buffer.isBuffer(image) || image.length === 0) throw new TamperImageError('empty image');
  try {
    const source = size ?? (await decodeSize(image));
    const target = size ?? { width: WORKING_WIDTH, height: workingHeight(source.width, source.height) };
    const { data, info } = await sharp(image)
      .greyscale()
      .resize(target.width * 2, target.height * 2, { fit: 'fill', kernel: 'cubic' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new TamperImageError(`expected 1 channel, got ${info.channels}`);
    const detail = new Uint8Array(data.buffer, data.byteOffset, data.length);
    return {
      width: target.width,
      height: target.height,
      pixels: halve(detail, target.width, target.height),
      detail,
    };
  } catch (error) {
    if (error instanceof TamperImageError) throw error;
    throw new TamperImageError(`cannot decode image: ${(error as Error).message}`, { cause: error });
  }
}

/** 2×2 box average of a (2w × 2h) plane. */
function halve(detail: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const stride = width * 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 2 * y * stride + 2 * x;
      out[y * width + x] =
        ((detail[i] ?? 0) +
          (detail[i + 1] ?? 0) +
          (detail[i + stride] ?? 0) +
          (detail[i + stride + 1] ?? 0) +
          2) >>
        2;
    }
  }
  return out;
}
