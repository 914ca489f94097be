import { createHash } from 'node:crypto';
import { type Readable } from 'node:stream';
import { type EventEnvelope, type ObjectRef, type PayloadOf } from '@ecogate/contracts';
import { type PipelineMode, type PlateRead, type RecognitionResult } from '@ecogate/lpr';
import { type EventPublisher, FatalError, RetriableError } from '@ecogate/messaging';
import {
  ObjectNotFoundError,
  objectKey,
  type ObjectStorage,
  parseObjectKey,
  StorageError,
} from '@ecogate/storage';
import { type Logger, meter } from '@ecogate/telemetry';
import { serverPlateReadId } from './plate-read-ids';

type Snapshot = EventEnvelope<'camera.snapshot.captured.v1'>;
type PlateReadPayload = PayloadOf<'anpr.plate.read.v1'>;

/** What the handler needs of the engine: the service's `PlateReader`. */
export interface SceneReader {
  read(bytes: Uint8Array, mode: PipelineMode): Promise<RecognitionResult>;
}

export interface SnapshotReaderOptions {
  /** Larger snapshots are dead-lettered; the download stops at this size as well. */
  readonly maxImageBytes: number;
}

export type SnapshotOutcome =
  { readonly kind: 'published'; readonly eventIds: readonly string[] } | { readonly kind: 'no-plate' };

const snapshotsRead = meter('plate-recognition').createCounter('lpr_snapshots_total', {
  description: 'Snapshots taken from Kafka, by outcome',
});
const readsPublished = meter('plate-recognition').createCounter('lpr_server_reads_published_total', {
  description: 'Server plate reads published, by verdict',
});

/**
 * `camera.snapshot.captured.v1` → `anpr.plate.read.v1` (`source: 'server'`), one per plate.
 * Errors say what the consumer should do: `RetriableError` (storage down, recogniser busy:
 * the partition waits and tries again), `FatalError` (bad or missing image: dead letter).
 */
export class SnapshotReader {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly reader: SceneReader,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly options: SnapshotReaderOptions,
  ) {}

  async handle(event: Snapshot): Promise<SnapshotOutcome> {
    const snapshot = event.payload;
    const log = this.logger.child({ eventId: event.eventId, captureId: snapshot.captureId });
    const bytes = await this.fetchImage(snapshot.image);
    const result = await this.reader.read(bytes, 'scene');
    switch (result.kind) {
      case 'plates':
        break;
      case 'no-plate':
        snapshotsRead.add(1, { outcome: 'no-plate' });
        log.info({ cameraId: snapshot.cameraId, image: snapshot.image.key }, 'no plate on snapshot');
        return { kind: 'no-plate' };
      case 'unreadable-image':
        snapshotsRead.add(1, { outcome: 'unreadable-image' });
        throw new FatalError(
          'unreadable-image',
          `snapshot image is unreadable (${result.reason}): ${result.message}`,
        );
      case 'overloaded':
        throw new RetriableError('recogniser-overloaded', `recognition queue full (${result.queueLimit})`);
      case 'timed-out':
        throw new RetriableError('recognition-timed-out', `recognition ran past ${result.timeoutMs} ms`);
      case 'failed':
        throw new RetriableError('recognition-failed', result.message);
    }
    const eventIds: string[] = [];
    for (const [index, plate] of result.plates.entries()) {
      const crop = await this.storeCrop(snapshot, plate);
      const eventId = serverPlateReadId(snapshot.captureId, index);
      const payload: PlateReadPayload = {
        readId: eventId,
        captureId: snapshot.captureId,
        cameraId: snapshot.cameraId,
        lane: snapshot.lane,
        capturedAt: snapshot.capturedAt,
        source: 'server',
        plate: { text: plate.text, colour: plate.colour, confidence: plate.confidence },
        verdict: plate.verdict,
        reviewReasons: [...plate.reviewReasons],
        images: { scene: snapshot.image, plate: crop },
      };
      // Same key as the camera's own read of the lane, so both stay in order on one partition.
      await this.publisher.publish('anpr.plate.read.v1', {
        enterpriseId: snapshot.lane.enterpriseId,
        key: `${snapshot.lane.enterpriseId}/${snapshot.lane.laneId}`,
        eventId,
        correlationId: event.correlationId,
        payload,
      });
      readsPublished.add(1, { verdict: plate.verdict });
      eventIds.push(eventId);
      log.info(
        {
          readId: eventId,
          index,
          text: plate.text,
          verdict: plate.verdict,
          reviewReasons: plate.reviewReasons,
        },
        'server plate read published',
      );
    }
    snapshotsRead.add(1, { outcome: 'published' });
    return { kind: 'published', eventIds };
  }

  private async fetchImage(image: ObjectRef): Promise<Buffer> {
    const { maxImageBytes } = this.options;
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

  /** The crop beside the snapshot: same bucket, enterprise, site and day folder, content-addressed. */
  private async storeCrop(snapshot: Snapshot['payload'], plate: PlateRead): Promise<ObjectRef> {
    const bytes = Buffer.from(plate.cropJpeg);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { bucket } = snapshot.image;
    const key = objectKey({
      enterpriseId: snapshot.lane.enterpriseId,
      siteId: snapshot.lane.siteId,
      date: captureDay(snapshot),
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
 * The snapshot's own day folder (camera-ingest files it in the site's time zone, which the event
 * does not carry), as a UTC noon that `objectKey` files under the same day; else the UTC day.
 */
function captureDay(snapshot: Snapshot['payload']): Date {
  const day = parseObjectKey(snapshot.image.key)?.day;
  return day ? new Date(`${day}T12:00:00Z`) : new Date(snapshot.capturedAt);
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
