import { type Readable } from 'node:stream';
import { DahuaStreamError } from './dahua-attach';
import { DahuaEventAssembler, type DahuaStreamItem } from './dahua-stream-events';
import {
  MultipartStreamError,
  MultipartStreamParser,
  type MultipartStreamLimits,
} from './multipart-stream-parser';

export interface StreamReadOptions {
  readonly boundary: string;
  readonly limits: MultipartStreamLimits;
  /** Nothing received for this long (heartbeats included): the stream hung. */
  readonly watchdogMs: number;
  /** An event still waiting for its second picture is taken as it is after this quiet time. */
  readonly settleMs: number;
}

const TIMEOUT = Symbol('timeout');

/**
 * Reads an attached stream to its end, handing every event, heartbeat and skipped part to `onItem`
 * in order. The next bytes are read only once `onItem` is done (back-pressure: a slow store slows
 * the camera's socket, nothing piles up here), and only time spent waiting for bytes counts for the
 * watchdog. Resolves when the camera ends the stream; throws a `DahuaStreamError`: `hung` (watchdog),
 * `protocol` (out-of-step or oversized parts), `closed` (the connection broke).
 */
export async function readDahuaStream(
  body: Readable,
  options: StreamReadOptions,
  onItem: (item: DahuaStreamItem) => Promise<void>,
): Promise<void> {
  const parser = new MultipartStreamParser(options.boundary, options.limits);
  const assembler = new DahuaEventAssembler();
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const deliver = async (items: DahuaStreamItem[]) => {
    for (const item of items) await onItem(item);
  };
  let next = chunks.next();
  let waitingSince = Date.now();
  for (;;) {
    const watchdogLeft = options.watchdogMs - (Date.now() - waitingSince);
    const wait = assembler.pending ? Math.min(options.settleMs, watchdogLeft) : watchdogLeft;
    const result = await within(next, Math.max(wait, 0)).catch((error: unknown) => {
      throw new DahuaStreamError('closed', `the stream broke: ${(error as Error).message}`, { cause: error });
    });
    if (result === TIMEOUT) {
      if (Date.now() - waitingSince >= options.watchdogMs) {
        // The pending read settles when the body is destroyed; nobody waits for it any more.
        next.catch(() => undefined);
        throw new DahuaStreamError(
          'hung',
          `nothing received for ${options.watchdogMs} ms (heartbeat missing)`,
        );
      }
      const started = Date.now();
      await deliver(assembler.flush());
      waitingSince += Date.now() - started;
      continue;
    }
    if (result.done) {
      await deliver(assembler.flush());
      return;
    }
    let parts;
    try {
      parts = parser.push(Buffer.isBuffer(result.value) ? result.value : Buffer.from(result.value));
    } catch (error) {
      if (!(error instanceof MultipartStreamError)) throw error;
      // What was whole before the fault still counts; the event waiting for pictures is cut off.
      for (const part of error.completed) await deliver(assembler.accept(part));
      await deliver(assembler.flush());
      throw new DahuaStreamError('protocol', `${error.code}: ${error.message}`, { cause: error });
    }
    for (const part of parts) await deliver(assembler.accept(part));
    next = chunks.next();
    waitingSince = Date.now();
  }
}

/** The promise's value, or `TIMEOUT` after `ms` (the timer never outlives the race). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<typeof TIMEOUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMEOUT), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
