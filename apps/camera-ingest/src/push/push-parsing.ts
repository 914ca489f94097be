import { IngestException } from './ingest.exception';
import { type PushImage, type PushLimits } from './anpr-push.adapter';

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

/** Checks size and JPEG signature; vendors only send JPEG, anything else is refused. */
export function jpegImage(part: string, bytes: Buffer, limits: PushLimits): PushImage {
  if (bytes.length > limits.maxImageBytes) {
    throw new IngestException(
      'image-too-large',
      `${part} is ${bytes.length} bytes; the limit is ${limits.maxImageBytes}`,
    );
  }
  if (bytes.length < JPEG_MAGIC.length || !bytes.subarray(0, JPEG_MAGIC.length).equals(JPEG_MAGIC)) {
    throw new IngestException('invalid-field', `${part} is not a JPEG image`);
  }
  return { bytes, contentType: 'image/jpeg' };
}

/** Decodes strict base64, checking the decoded size before decoding. */
export function base64Jpeg(part: string, text: string, limits: PushLimits): PushImage {
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(text)) {
    throw new IngestException('invalid-field', `${part} is not base64`);
  }
  const decodedLength = Math.floor((text.replace(/[\r\n]/g, '').length * 3) / 4);
  if (decodedLength > limits.maxImageBytes + 2) {
    throw new IngestException(
      'image-too-large',
      `${part} is about ${decodedLength} bytes; the limit is ${limits.maxImageBytes}`,
    );
  }
  return jpegImage(part, Buffer.from(text, 'base64'), limits);
}

/** The media type without parameters, lower-cased. */
export const mediaType = (contentType: string): string =>
  (contentType.split(';')[0] ?? '').trim().toLowerCase();
