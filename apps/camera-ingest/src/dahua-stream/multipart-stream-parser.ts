/** Why a multipart stream cannot be read on: the connection is dropped and opened afresh. */
export type MultipartStreamErrorCode =
  'part-too-large' | 'headers-too-large' | 'bad-content-length' | 'malformed-part' | 'no-boundary';

export class MultipartStreamError extends Error {
  /** Parts the same bytes completed before the fault: whole, still to be handed on. */
  completed: readonly StreamPart[] = [];

  constructor(
    readonly code: MultipartStreamErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MultipartStreamError';
  }
}

/** One part of the stream: its media type (lower case, no parameters), headers (lower-case names), body. */
export interface StreamPart {
  readonly contentType: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

export interface MultipartStreamLimits {
  /** The largest body a part of this media type may have; a larger one is refused before it is read. */
  readonly maxPartBytes: (contentType: string) => number;
  /** The most bytes of one part's header block, or of anything between two parts. */
  readonly maxHeaderBytes: number;
}

/**
 * The boundary of `multipart/x-mixed-replace; boundary=myboundary` (quoted or not), without the
 * `--` some firmwares put into the parameter itself; `undefined` when the type has none.
 */
export function multipartBoundary(contentType: string): string | undefined {
  const [type = '', ...params] = contentType.split(';');
  if (!/^\s*multipart\/[a-z0-9.+-]+\s*$/i.test(type)) return undefined;
  for (const param of params) {
    const match = /^\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))\s*$/i.exec(param);
    const value = match?.[1] ?? match?.[2];
    if (value) return value.replace(/^--/, '') || undefined;
  }
  return undefined;
}

type State =
  | { readonly kind: 'between'; readonly skipped: number }
  | { readonly kind: 'headers'; readonly headers: Map<string, string>; readonly size: number }
  | {
      readonly kind: 'body';
      readonly contentType: string;
      readonly headers: Map<string, string>;
      /** From `Content-Length`; without one the body runs to the next boundary line. */
      readonly length: number | undefined;
      /** A counted body's bytes so far. */
      readonly chunks: Buffer[];
      readonly received: number;
      /** A body without length: the line break its boundary search resumes at (-1: the start). */
      readonly scanFrom: number;
    };

const LF = 0x0a;
const CR = 0x0d;

/**
 * A push parser for a never-ending multipart stream (a camera's `multipart/x-mixed-replace`): feed it
 * the bytes as they arrive, split anywhere, and it returns the parts completed so far. A part's body
 * is read by its `Content-Length` (so a body may hold anything, a boundary line included); one without
 * is read up to the next boundary line. Lines may end in CRLF or LF, a boundary line may lack its
 * leading `--`, empty lines between parts are skipped and unknown headers kept. Everything is
 * bounded: an oversized part, header block or run of bytes without a boundary is a
 * `MultipartStreamError` (the stream is out of step or hostile; the caller reconnects).
 */
export class MultipartStreamParser {
  private state: State = { kind: 'between', skipped: 0 };
  /** Bytes not yet consumed by the line-oriented states (or a body without length). */
  private pending: Buffer = Buffer.alloc(0);
  private failed: MultipartStreamError | undefined;

  constructor(
    private readonly boundary: string,
    private readonly limits: MultipartStreamLimits,
  ) {}

  /** Bytes buffered, for a part that has not completed yet. */
  get buffered(): number {
    return this.pending.length + (this.state.kind === 'body' ? this.state.received : 0);
  }

  /**
   * Feeds the next bytes; returns every part they complete. Out of step, it throws (with the parts
   * completed before the fault), and again on every later call.
   */
  push(chunk: Buffer): StreamPart[] {
    if (this.failed) throw new MultipartStreamError(this.failed.code, this.failed.message);
    const parts: StreamPart[] = [];
    try {
      this.consume(chunk, parts);
      return parts;
    } catch (error) {
      if (error instanceof MultipartStreamError) {
        this.failed = error;
        error.completed = parts;
      }
      throw error;
    }
  }

  private consume(chunk: Buffer, parts: StreamPart[]): void {
    let input = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    for (;;) {
      const state = this.state;
      if (state.kind === 'body' && state.length !== undefined) {
        // Counted body: take what belongs to it without scanning (it may contain anything).
        const take = Math.min(state.length - state.received, input.length);
        if (take > 0) state.chunks.push(input.subarray(0, take));
        input = input.subarray(take);
        if (state.received + take < state.length) {
          this.state = { ...state, received: state.received + take };
          return;
        }
        parts.push({
          contentType: state.contentType,
          headers: state.headers,
          body: Buffer.concat(state.chunks),
        });
        this.state = { kind: 'between', skipped: 0 };
        continue;
      }
      if (state.kind === 'body') {
        const end = this.findBoundaryLine(input, state.scanFrom);
        if (end === undefined) {
          if (input.length > this.limits.maxPartBytes(state.contentType)) {
            throw tooLarge(state.contentType, input.length, this.limits.maxPartBytes(state.contentType));
          }
          // Lines already looked at are not scanned again: resume at the last, unfinished one.
          this.state = { ...state, scanFrom: input.lastIndexOf(LF) };
          this.pending = input;
          return;
        }
        let body = input.subarray(0, end.bodyEnd);
        if (body.length > this.limits.maxPartBytes(state.contentType)) {
          throw tooLarge(state.contentType, body.length, this.limits.maxPartBytes(state.contentType));
        }
        // The line break before a boundary belongs to it; a text body loses trailing empty lines too.
        if (state.contentType.startsWith('text/')) body = trimLineBreaks(body);
        parts.push({ contentType: state.contentType, headers: state.headers, body });
        input = input.subarray(end.lineStart);
        this.state = { kind: 'between', skipped: 0 };
        continue;
      }
      const newline = input.indexOf(LF);
      if (newline < 0) {
        if (input.length > this.limits.maxHeaderBytes) throw this.lineTooLong(state);
        this.pending = input;
        return;
      }
      const line = input.subarray(0, newline > 0 && input[newline - 1] === CR ? newline - 1 : newline);
      input = input.subarray(newline + 1);
      this.onLine(state, line.toString('latin1'), newline + 1);
    }
  }

  private onLine(state: Exclude<State, { kind: 'body' }>, line: string, size: number): void {
    const delimiter = this.delimiter(line);
    if (state.kind === 'between') {
      if (delimiter === 'open') this.state = { kind: 'headers', headers: new Map(), size: 0 };
      // A closing boundary, an empty line or a stray line: skipped, but not endlessly.
      else if (state.skipped + size > this.limits.maxHeaderBytes) {
        throw new MultipartStreamError(
          'no-boundary',
          `more than ${this.limits.maxHeaderBytes} bytes between parts without a boundary line`,
        );
      } else this.state = { kind: 'between', skipped: state.skipped + size };
      return;
    }
    if (state.size + size > this.limits.maxHeaderBytes) {
      throw new MultipartStreamError(
        'headers-too-large',
        `a part's headers exceed ${this.limits.maxHeaderBytes} bytes`,
      );
    }
    if (delimiter === 'open') {
      // A part with no header block at all: the camera started the next one.
      throw new MultipartStreamError('malformed-part', 'a boundary line inside a part header block');
    }
    if (line.trim() === '') {
      this.state = this.bodyState(state.headers);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartStreamError('malformed-part', `not a header line: ${clip(line)}`);
    const headers = new Map(state.headers);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    this.state = { kind: 'headers', headers, size: state.size + size };
  }

  private bodyState(headers: Map<string, string>): State {
    const contentType = ((headers.get('content-type') ?? 'text/plain').split(';')[0] ?? '')
      .trim()
      .toLowerCase();
    const declared = headers.get('content-length');
    if (declared !== undefined && !/^\d{1,15}$/.test(declared)) {
      throw new MultipartStreamError(
        'bad-content-length',
        `Content-Length ${clip(declared)} is not a length`,
      );
    }
    const length = declared === undefined ? undefined : Number(declared);
    const max = this.limits.maxPartBytes(contentType);
    if (length !== undefined && length > max) throw tooLarge(contentType, length, max);
    return { kind: 'body', contentType, headers, length, chunks: [], received: 0, scanFrom: -1 };
  }

  /** `open` for `--B` or `B`, `close` for `--B--`, else undefined (trailing white space ignored). */
  private delimiter(line: string): 'open' | 'close' | undefined {
    const text = line.trimEnd();
    const bare = text.startsWith('--') ? text.slice(2) : text;
    if (bare === this.boundary) return 'open';
    if (bare === `${this.boundary}--`) return 'close';
    return undefined;
  }

  /**
   * For a body without length: the first boundary line in `input` (at its start, or after a line
   * break), from the line after the line break at `from` on, and where the body ends, before that
   * line break. `undefined` until a whole line is there.
   */
  private findBoundaryLine(input: Buffer, from: number): { bodyEnd: number; lineStart: number } | undefined {
    const longest = this.boundary.length + 6; // `--B--` and CRLF
    // Each line starts after the previous line break (the first at the body's start).
    for (let at = from; ;) {
      const lineEnd = input.indexOf(LF, at + 1);
      if (lineEnd < 0) return undefined;
      if (lineEnd - at - 1 <= longest && this.delimiter(input.subarray(at + 1, lineEnd).toString('latin1'))) {
        return { bodyEnd: at > 0 && input[at - 1] === CR ? at - 1 : Math.max(at, 0), lineStart: at + 1 };
      }
      at = lineEnd;
    }
  }

  private lineTooLong(state: Exclude<State, { kind: 'body' }>): MultipartStreamError {
    return state.kind === 'headers'
      ? new MultipartStreamError(
          'headers-too-large',
          `a header line exceeds ${this.limits.maxHeaderBytes} bytes`,
        )
      : new MultipartStreamError(
          'no-boundary',
          `more than ${this.limits.maxHeaderBytes} bytes between parts without a boundary line`,
        );
  }
}

function tooLarge(contentType: string, bytes: number, max: number): MultipartStreamError {
  return new MultipartStreamError(
    'part-too-large',
    `a ${contentType} part of ${bytes} bytes exceeds the limit of ${max}`,
  );
}

function trimLineBreaks(body: Buffer): Buffer {
  let end = body.length;
  while (end > 0 && (body[end - 1] === LF || body[end - 1] === CR)) end -= 1;
  return body.subarray(0, end);
}

const clip = (text: string): string => JSON.stringify(text.slice(0, 40));
