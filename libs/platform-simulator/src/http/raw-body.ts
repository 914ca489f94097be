import { type IncomingMessage } from 'node:http';
import { PlatformException } from '../errors/platform.exception';

/**
 * The request body as the exact bytes received: the signature covers them, so no JSON parser may
 * run first. Refuses more than `maxBytes` (413) from Content-Length or while streaming.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = (bytes: number) =>
    new PlatformException('payload-too-large', `body of ${bytes} bytes exceeds the limit of ${maxBytes}`);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.reject(tooLarge(declared));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.resume(); // drain the rest so the 413 can still be written
        reject(tooLarge(size));
      } else {
        chunks.push(chunk);
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request aborted by the client'));
    });
  });
}
