import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { BodyTooLargeError, readLimitedBody } from '@ecogate/http-edge';
import { type Request } from 'express';

// How every image route of this service takes its image (`POST /recognize` and the document
// readers): a raw `image/jpeg|png|bmp` body, or multipart field `image`, capped at one size.

/** Media types accepted as a raw body (the content is sniffed anyway; the type only routes the body). */
export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/bmp', 'image/x-ms-bmp', 'image/x-bmp'];

/** The part of a multer file the image routes read. */
export interface UploadedImage {
  readonly buffer: Buffer;
}

/**
 * The image of a request the policy guard admitted. A raw body is read only here, after the guard,
 * so an unauthenticated caller never gets up to `maxBytes` buffered.
 */
export async function imageFrom(
  req: Request,
  file: UploadedImage | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  // The header itself, not `req.is`: that answers null for an empty body, which deserves a typed `empty` result.
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'multipart/form-data') {
    if (!file) throw new BadRequestException('multipart request without an `image` file field');
    return file.buffer;
  }
  if (!IMAGE_MEDIA_TYPES.includes(mediaType)) {
    throw new UnsupportedMediaTypeException(
      `send ${IMAGE_MEDIA_TYPES.slice(0, 3).join(', ')} or multipart/form-data`,
    );
  }
  // An empty body is read as zero bytes; the reader answers that with a typed `empty` result.
  return readLimitedBody(req, maxBytes, req.headers['content-length']).catch((error: unknown) => {
    throw error instanceof BodyTooLargeError ? new PayloadTooLargeException(error.message) : error;
  });
}
