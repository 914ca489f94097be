import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { TamperImageError } from './image/grey-frame';

/**
 * Frozen: the same frame for minutes; the caller compares consecutive frames' fingerprints.
 *
 * The fingerprint is deliberately EXACT: a SHA-256 of the decoded full-resolution pixels. A live
 * sensor never gives two identical frames (sensor noise changes pixels by a few levels even in a
 * static, empty scene), while a frozen stream repeats the last frame: byte-identical, or
 * re-encoded by the same deterministic encoder, which decodes to the same pixels. A perceptual
 * hash would be wrong here: it is built to ignore exactly the noise that tells a live static
 * scene from a frozen one, so every quiet night would read as frozen. Hashing pixels rather than
 * file bytes ignores metadata (EXIF time stamps) that a freezer may rewrite.
 */
export async function frameFingerprint(jpegOrPng: Buffer): Promise<string> {
  if (!Buffer.isBuffer(jpegOrPng) || jpegOrPng.length === 0) throw new TamperImageError('empty image');
  try {
    const { data, info } = await sharp(jpegOrPng).raw().toBuffer({ resolveWithObject: true });
    const hash = createHash('sha256')
      .update(`${info.width}x${info.height}x${info.channels}:`)
      .update(data)
      .digest('hex');
    return `px1:${hash}`;
  } catch (error) {
    throw new TamperImageError(`cannot decode image: ${(error as Error).message}`, { cause: error });
  }
}
