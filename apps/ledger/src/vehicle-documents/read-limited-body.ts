import { type Readable } from 'node:stream';
import { LedgerException } from '../errors/ledger.exception';

/**
 * Reads a request body into memory, refusing it (413) as soon as it passes `maxBytes`, so an
 * oversized upload is never buffered whole; the rest is drained, not kept, so the connection can
 * still carry the answer. A declared Content-Length over the limit is refused before reading.
 */
export function readLimitedBody(
  body: Readable,
  maxBytes: number,
  declaredLength: string | undefined,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      body.removeListener('data', onData);
      body.resume();
      reject(new LedgerException('document-too-large', `a document may have at most ${maxBytes} bytes`));
    };
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer | string) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      total += buffer.length;
      if (total > maxBytes) refuse();
      else chunks.push(buffer);
    };
    if (declaredLength !== undefined && Number(declaredLength) > maxBytes) return refuse();
    body.on('data', onData);
    body.once('end', () => resolve(Buffer.concat(chunks)));
    body.once('error', reject);
  });
}
