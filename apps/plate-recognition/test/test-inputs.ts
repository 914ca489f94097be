import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { defaultModelDir, lprTestImages } from '@ecogate/lpr';

// Real samples from ../shared (beside the repository, here and in CI) and generated bad inputs.
const SAMPLES = join(defaultModelDir(), '..', 'samples', 'plates');

export const scene = (file: string): Buffer => readFileSync(join(SAMPLES, 'scene', file));
export const crop = (file: string): Buffer => readFileSync(join(SAMPLES, 'crops', file));

/** The image as an uncompressed 24-bit bottom-up BMP (sharp writes no BMP). */
export async function asBmp(image: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return lprTestImages.encodeBmp({ width: info.width, height: info.height, data }, { bits: 24 });
}

export const { jpegClaiming, plateLessScene: plateLess } = lprTestImages;
