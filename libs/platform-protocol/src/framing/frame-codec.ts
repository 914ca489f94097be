// TCP framing: each message is a 4-byte big-endian unsigned length followed by that many bytes of
// UTF-8 JSON. A length prefix (rather than newline-delimited JSON) lets the receiver refuse an
// oversize frame from its header, before buffering megabytes of base64 images, and take a frame
// with one copy instead of scanning every chunk for a delimiter.

export const FRAME_HEADER_BYTES = 4;
/** Enough for a 100-record batch with a few embedded images each. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

export type FrameErrorCode = 'frame-too-large' | 'empty-frame' | 'truncated-frame' | 'not-json';

export class FrameError extends Error {
  constructor(
    readonly code: FrameErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

/** One frame for `message`: a string is sent as is, anything else as its JSON. */
export function encodeFrame(message: unknown, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): Buffer {
  const payload = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
  if (payload.length === 0) throw new FrameError('empty-frame', 'a frame must carry at least one byte');
  if (payload.length > maxFrameBytes) {
    throw new FrameError('frame-too-large', `frame of ${payload.length} bytes exceeds ${maxFrameBytes}`);
  }
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt32BE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

/**
 * Streaming decoder: feed it chunks as the socket delivers them (a frame may be split across
 * chunks, and a chunk may hold several frames); it returns each complete payload. After a
 * `FrameError` the stream cannot be resynchronised, so the decoder stays failed.
 */
export class FrameDecoder {
  readonly #maxFrameBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #expected: number | undefined;
  #failure: FrameError | undefined;

  constructor({ maxFrameBytes = DEFAULT_MAX_FRAME_BYTES }: { maxFrameBytes?: number } = {}) {
    this.#maxFrameBytes = maxFrameBytes;
  }

  /** Bytes received but not yet returned as a frame. */
  get bufferedBytes(): number {
    return this.#buffered;
  }

  push(chunk: Uint8Array): Buffer[] {
    if (this.#failure) throw this.#failure;
    if (chunk.length > 0) {
      this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      this.#buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.#expected === undefined) {
        if (this.#buffered < FRAME_HEADER_BYTES) break;
        const length = this.#take(FRAME_HEADER_BYTES).readUInt32BE(0);
        if (length === 0) this.#fail(new FrameError('empty-frame', 'received a frame of length 0'));
        if (length > this.#maxFrameBytes) {
          this.#fail(
            new FrameError('frame-too-large', `frame of ${length} bytes exceeds ${this.#maxFrameBytes}`),
          );
        }
        this.#expected = length;
      }
      if (this.#buffered < this.#expected) break;
      frames.push(this.#take(this.#expected));
      this.#expected = undefined;
    }
    return frames;
  }

  /** Call when the stream ends: throws when it stopped in the middle of a frame. */
  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#buffered > 0 || this.#expected !== undefined) {
      this.#fail(
        new FrameError('truncated-frame', `stream ended inside a frame (${this.#buffered} bytes pending)`),
      );
    }
  }

  #fail(error: FrameError): never {
    this.#failure = error;
    this.#chunks = [];
    this.#buffered = 0;
    throw error;
  }

  /** Removes and returns the first `n` buffered bytes (callers check `n <= #buffered`), copying only across chunks. */
  #take(n: number): Buffer {
    const first = this.#chunks[0];
    let out: Buffer;
    if (first && first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      for (let copied = 0; copied < n;) {
        const head = this.#chunks.shift();
        if (!head) throw new Error('FrameDecoder: buffered byte count out of sync');
        const part = Math.min(head.length, n - copied);
        head.copy(out, copied, 0, part);
        copied += part;
        if (part < head.length) this.#chunks.unshift(head.subarray(part));
      }
    }
    this.#buffered -= n;
    return out;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A frame's payload as a JSON value; throws `FrameError('not-json')` on bad UTF-8 or JSON. */
export function decodeFrameJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(payload));
  } catch (error) {
    throw new FrameError('not-json', `frame is not UTF-8 JSON: ${(error as Error).message}`);
  }
}
