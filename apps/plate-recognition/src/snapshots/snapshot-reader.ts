import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { type PlateRead, type SiteKnowledge } from '@ecogate/lpr';
import { type EventPublisher } from '@ecogate/messaging';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger, meter } from '@ecogate/telemetry';
import { serverPlateReadId } from './plate-read-ids';
import { readStoredScene, type SceneReader } from './read-stored-scene';
import { SnapshotImages } from './snapshot-images';

type Snapshot = EventEnvelope<'camera.snapshot.captured.v1'>;
type PlateReadPayload = PayloadOf<'anpr.plate.read.v1'>;

export { type SceneReader } from './read-stored-scene';

/** What a site already knows (its known plates, its province), or nothing: the read proceeds without. */
export interface SiteKnowledgeSource {
  forSite(enterpriseId: string, siteId: string): Promise<SiteKnowledge | undefined>;
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
const readsSettled = meter('plate-recognition').createCounter('lpr_server_reads_settled_total', {
  description: "Server plate reads whose one doubtful character the site's knowledge settled, by how",
});

/** The read's plate as published: the raw read and how it was settled, when the site's knowledge settled it. */
const publishedPlate = (plate: PlateRead): PlateReadPayload['plate'] => ({
  text: plate.text,
  colour: plate.colour,
  confidence: plate.confidence,
  ...(plate.settledBy ? { rawText: plate.rawText, settledBy: plate.settledBy } : {}),
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
    /** The lane's site knowledge (known plates, province prior); absent: reads as before. */
    private readonly sites?: SiteKnowledgeSource,
  ) {
    this.images = new SnapshotImages(storage, options.maxImageBytes);
  }

  async handle(event: Snapshot): Promise<SnapshotOutcome> {
    const snapshot = event.payload;
    const log = this.logger.child({ eventId: event.eventId, captureId: snapshot.captureId });
    const site = await this.sites?.forSite(snapshot.lane.enterpriseId, snapshot.lane.siteId);
    const result = await readStoredScene(this.images, this.reader, snapshot.image, snapshotsRead, site);
    if (result.kind === 'no-plate') {
      log.info({ cameraId: snapshot.cameraId, image: snapshot.image.key }, 'no plate on snapshot');
      return { kind: 'no-plate' };
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
        plate: publishedPlate(plate),
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
      if (plate.settledBy) readsSettled.add(1, { settledBy: plate.settledBy });
      eventIds.push(eventId);
      log.info(
        {
          readId: eventId,
          index,
          text: plate.text,
          verdict: plate.verdict,
          reviewReasons: plate.reviewReasons,
          ...(plate.settledBy ? { rawText: plate.rawText, settledBy: plate.settledBy } : {}),
        },
        'server plate read published',
      );
    }
    snapshotsRead.add(1, { outcome: 'published' });
    return { kind: 'published', eventIds };
  }
}
