import { createHash } from 'node:crypto';
import { type Readable } from 'node:stream';
import { type ObjectRef } from '@ecogate/contracts';
import { type RecognitionResult } from '@ecogate/lpr';
import { FatalError, RetriableError } from '@ecogate/messaging';
import {
  ObjectNotFoundError,
  objectKey,
  type ObjectStorage,
  parseObjectKey,
  StorageError,
} from '@ecogate/storage';

/** Where a frame was taken, as its crop's object key needs it. */
export interface FrameOrigin {
  readonly enterpriseId: string;
  readonly siteId: string;
  readonly capturedAt: string;
}

/**
 * A snapshot's bytes in and its plate crops out, through object storage, for every snapshot topic
 * (lane snapshots and loading-area frames). Errors say what the consumer should do: `RetriableError`
 * (storage down), `FatalError` (bad or missing image: dead letter).
 */
export class SnapshotImages {
  constructor(
    private readonly storage: ObjectStorage,
    /** Larger snapshots are dead-lettered; the download stops at this size as well. */
    private readonly maxImageBytes: number,
  ) {}

  async fetch(image: ObjectRef): Promise<Buffer> {
    const { maxImageBytes } = this;
    if (image.bytes > maxImageBytes) {
      throw new FatalError(
        'snapshot-too-large',
        `snapshot is ${image.bytes} bytes, the limit is ${maxImageBytes}`,
      );
    }
    let bytes: Buffer;
    try {
      bytes = await readAll(await this.storage.get(image.bucket, image.key), maxImageBytes);
    } catch (error) {
      throw storageFailure(error, `fetching snapshot ${image.bucket}/${image.key}`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== image.sha256) {
      throw new FatalError(
        'snapshot-sha256-mismatch',
        `snapshot ${image.bucket}/${image.key} has sha256 ${sha256}, the event says ${image.sha256}`,
      );
    }
    return bytes;
  }

  /** The crop beside the frame: same bucket, enterprise, site and day folder, content-addressed. */
  async storeCrop(frame: ObjectRef, origin: FrameOrigin, cropJpeg: Uint8Array): Promise<ObjectRef> {
    const bytes = Buffer.from(cropJpeg);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { bucket } = frame;
    const key = objectKey({
      enterpriseId: origin.enterpriseId,
      siteId: origin.siteId,
      date: captureDay(frame, origin.capturedAt),
      kind: 'plate',
      sha256,
      ext: 'jpg',
    });
    try {
      await this.storage.put(bucket, key, bytes, { contentType: 'image/jpeg', size: bytes.length });
    } catch (error) {
      throw storageFailure(error, `storing plate crop ${bucket}/${key}`);
    }
    return { bucket, key, sha256, contentType: 'image/jpeg', bytes: bytes.length };
  }
}

/**
 * A recognition that read nothing usable: a bad image is a dead letter, a busy or failed
 * recogniser a retry (the partition waits). `plates` and `no-plate` are the caller's.
 */
export function recognitionFailure(
  result: Exclude<RecognitionResult, { kind: 'plates' } | { kind: 'no-plate' }>,
): Error {
  switch (result.kind) {
    case 'unreadable-image':
      return new FatalError(
        'unreadable-image',
        `snapshot image is unreadable (${result.reason}): ${result.message}`,
      );
    case 'overloaded':
      return new RetriableError('recogniser-overloaded', `recognition queue full (${result.queueLimit})`);
    case 'timed-out':
      return new RetriableError('recognition-timed-out', `recognition ran past ${result.timeoutMs} ms`);
    case 'failed':
      return new RetriableError('recognition-failed', result.message);
  }
}

/**
 * The frame's own day folder (camera-ingest files it in the site's time zone, which the event
 * does not carry), as a UTC noon that `objectKey` files under the same day; else the UTC day.
 */
function captureDay(frame: ObjectRef, capturedAt: string): Date {
  const day = parseObjectKey(frame.key)?.day;
  return day ? new Date(`${day}T12:00:00Z`) : new Date(capturedAt);
}
function storageFailure(error: unknown, doing: string): Error {
  if (error instanceof FatalError || error instanceof RetriableError) return error;
  if (error instanceof ObjectNotFoundError) {
    return new FatalError('snapshot-not-found', `${doing}: ${error.message}`, { cause: error });
  }
  if (error instanceof StorageError && !error.retriable) {
    return new FatalError(error.code, `${doing}: ${error.message}`, { cause: error });
  }
  // Unavailable, throttled, or the connection broke mid-stream: the object may be there later.
  const message = error instanceof Error ? error.message : String(error);
  return new RetriableError('storage-unavailable', `${doing}: ${message}`, { cause: error });
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw new FatalError('snapshot-too-large', `snapshot exceeds ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
