import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { type PipelineMode, type RecognitionResult } from '@ecogate/lpr';
import { type EventPublisher } from '@ecogate/messaging';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger, meter } from '@ecogate/telemetry';
import { serverPlateReadId } from './plate-read-ids';
import { recognitionFailure, SnapshotImages } from './snapshot-images';

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
  private readonly images: SnapshotImages;

  constructor(
    storage: ObjectStorage,
    private readonly reader: SceneReader,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    options: SnapshotReaderOptions,
  ) {
    this.images = new SnapshotImages(storage, options.maxImageBytes);
  }

  async handle(event: Snapshot): Promise<SnapshotOutcome> {
    const snapshot = event.payload;
    const log = this.logger.child({ eventId: event.eventId, captureId: snapshot.captureId });
    const bytes = await this.images.fetch(snapshot.image);
    const result = await this.reader.read(bytes, 'scene');
    if (result.kind === 'no-plate') {
      snapshotsRead.add(1, { outcome: 'no-plate' });
      log.info({ cameraId: snapshot.cameraId, image: snapshot.image.key }, 'no plate on snapshot');
      return { kind: 'no-plate' };
    }
    if (result.kind !== 'plates') {
      if (result.kind === 'unreadable-image') snapshotsRead.add(1, { outcome: 'unreadable-image' });
      throw recognitionFailure(result);
    }
    const origin = { ...snapshot.lane, capturedAt: snapshot.capturedAt };
    const eventIds: string[] = [];
    for (const [index, plate] of result.plates.entries()) {
      const crop = await this.images.storeCrop(snapshot.image, origin, plate.cropJpeg);
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
}
