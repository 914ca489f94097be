import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { type EventPublisher } from '@ecogate/messaging';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger, meter } from '@ecogate/telemetry';
import { uuidV5 } from './plate-read-ids';
import { readStoredScene, type SceneReader } from './read-stored-scene';
import { SnapshotImages } from './snapshot-images';
import { type SnapshotOutcome, type SnapshotReaderOptions } from './snapshot-reader';

type Frame = EventEnvelope<'loading-area.snapshot.captured.v1'>;
type Sighting = PayloadOf<'loading-area.vehicle.seen.v1'>;

const framesRead = meter('plate-recognition').createCounter('lpr_loading_area_frames_total', {
  description: 'Loading-area frames taken from the bus, by outcome',
});
const sightingsPublished = meter('plate-recognition').createCounter('lpr_loading_area_sightings_total', {
  description: 'Loading-area sightings published, by verdict',
});

/**
 * The event id (and `sightingId`) of plate `index` on a loading-area frame: a redelivered frame
 * republishes the same ids, so the ledger keeps one sighting however often it is published.
 */
export const sightingId = (captureId: string, index: number): string =>
  uuidV5(`loading-area.vehicle.seen.v1|${captureId}|${index}`);

/**
 * `loading-area.snapshot.captured.v1` → `loading-area.vehicle.seen.v1`, one per plate on the frame.
 * Never `anpr.plate.read.v1`: a loading area has no lane, and its reads must not reach a barrier.
 * The same engine and errors as the lane snapshots (`readStoredScene`), without the site's known plates.
 */
export class LoadingAreaFrameReader {
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

  async handle(event: Frame): Promise<SnapshotOutcome> {
    const frame = event.payload;
    const log = this.logger.child({
      eventId: event.eventId,
      captureId: frame.captureId,
      cameraId: frame.cameraId,
    });
    // Never the site's known plates here: a sighting accuses a truck (an anomaly names it), and a
    // doubtful character corrected towards a registered plate could accuse the wrong one.
    const result = await readStoredScene(this.images, this.reader, frame.image, framesRead);
    if (result.kind === 'no-plate') return { kind: 'no-plate' };
    const origin = { ...frame.area, capturedAt: frame.capturedAt };
    const eventIds: string[] = [];
    for (const [index, plate] of result.plates.entries()) {
      const crop = await this.images.storeCrop(frame.image, origin, plate.cropJpeg);
      const id = sightingId(frame.captureId, index);
      const payload: Sighting = {
        sightingId: id,
        captureId: frame.captureId,
        cameraId: frame.cameraId,
        area: frame.area,
        at: frame.capturedAt,
        plate: { text: plate.text, colour: plate.colour, confidence: plate.confidence },
        verdict: plate.verdict,
        frame: frame.image,
        crop,
        cropBox: plate.box,
      };
      await this.publisher.publish('loading-area.vehicle.seen.v1', {
        enterpriseId: frame.area.enterpriseId,
        key: `${frame.area.enterpriseId}/${frame.cameraId}`,
        eventId: id,
        correlationId: event.correlationId,
        payload,
      });
      sightingsPublished.add(1, { verdict: plate.verdict });
      eventIds.push(id);
      log.info(
        { sightingId: id, text: plate.text, verdict: plate.verdict },
        'loading-area sighting published',
      );
    }
    framesRead.add(1, { outcome: 'published' });
    return { kind: 'published', eventIds };
  }
}
