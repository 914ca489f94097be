import { Inject, Injectable } from '@nestjs/common';
import { type PayloadOf } from '@ecogate/contracts';
import { EVENT_PUBLISHER, type EventPublisher } from '@ecogate/messaging';
import { meter } from '@ecogate/telemetry';
import { CaptureStore, type SitedCamera } from '../capture/capture-store';
import { uuidV5 } from '../push/event-ids';

export type LoadingAreaTrigger = PayloadOf<'loading-area.snapshot.captured.v1'>['trigger'];

/** A loading-area camera as its frames need it: id, enterprise, and the site it is registered on. */
export interface LoadingAreaSource extends SitedCamera {
  readonly id: string;
}

const framesPublished = meter('camera-ingest').createCounter('camera_ingest_loading_area_frames_total', {
  description: 'Loading-area frames stored and published, by trigger',
});

/** A frame's ids, from its camera and `frameKey`: the same frame published again is the same event. */
export function loadingAreaFrameIds(
  cameraId: string,
  frameKey: string,
): { captureId: string; eventId: string } {
  const name = `loading-area|${cameraId}|${frameKey}`;
  return {
    captureId: uuidV5(`capture|${name}`),
    eventId: uuidV5(`loading-area.snapshot.captured.v1|${name}`),
  };
}

/**
 * A loading-area frame → its JPEG in object storage (the capture keys: content hash in the site's
 * day folder) → `loading-area.snapshot.captured.v1`. Ids derive from the camera and `frameKey` (the
 * schedule slot or the camera's notification), so a frame published twice is one event.
 */
@Injectable()
export class LoadingAreaSnapshots {
  constructor(
    @Inject(CaptureStore) private readonly captures: CaptureStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  async publish(
    camera: LoadingAreaSource,
    bytes: Buffer,
    trigger: LoadingAreaTrigger,
    frameKey: string,
    capturedAt: Date,
  ): Promise<string> {
    const image = await this.captures.store(camera, capturedAt, 'loading-area', bytes, 'image/jpeg', 'jpg');
    const { captureId, eventId } = loadingAreaFrameIds(camera.id, frameKey);
    await this.publisher.publish('loading-area.snapshot.captured.v1', {
      enterpriseId: camera.enterpriseId,
      // Per camera: its frames stay in order, and one busy area does not hold up another.
      key: `${camera.enterpriseId}/${camera.id}`,
      eventId,
      occurredAt: capturedAt,
      payload: {
        captureId,
        cameraId: camera.id,
        area: { enterpriseId: camera.enterpriseId, siteId: camera.site.siteId },
        capturedAt: capturedAt.toISOString(),
        trigger,
        image,
      },
    });
    framesPublished.add(1, { trigger });
    return captureId;
  }
}
