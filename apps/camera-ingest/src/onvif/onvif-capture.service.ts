import { Inject, Injectable } from '@nestjs/common';
import { EVENT_PUBLISHER, type EventPublisher } from '@ecogate/messaging';
import { type OnvifClient, type OnvifNotification } from '@ecogate/onvif';
import { meter } from '@ecogate/telemetry';
import { CaptureStore, laneKeyOf, laneRefOf } from '../capture/capture-store';
import { hasLane } from '../registry/device-lane';
import { LOADING_AREA_CAMERA } from '../loading-area/loading-area-camera.repository';
import { LoadingAreaSnapshots } from '../loading-area/loading-area-snapshots';
import { captureIds } from '../push/event-ids';
import { type OnvifDevice } from './onvif-device.repository';

export type SnapshotTrigger = 'ground-loop' | 'motion';

const snapshotsTaken = meter('camera-ingest').createCounter('camera_ingest_onvif_snapshots_total', {
  description: 'Snapshots taken on ONVIF triggers, by trigger',
});

/**
 * A trigger from the camera (ground loop, motion) → its snapshot JPEG in MinIO (same keys as the
 * push receivers: content hash in the site's date folder) → `camera.snapshot.captured.v1`. Ids
 * derive from the notification, so a notification the camera repeats is the same event.
 */
@Injectable()
export class OnvifCaptureService {
  constructor(
    @Inject(CaptureStore) private readonly captures: CaptureStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(LoadingAreaSnapshots) private readonly loadingAreas: LoadingAreaSnapshots,
  ) {}

  async capture(
    device: OnvifDevice,
    client: OnvifClient,
    trigger: SnapshotTrigger,
    notification: OnvifNotification,
    capturedAt: Date,
  ): Promise<void> {
    const bytes = await client.snapshot();
    const notificationKey = [
      notification.topic,
      notification.utcTime?.toISOString() ?? capturedAt.toISOString(),
      JSON.stringify(notification.source),
    ].join('|');
    if (device.kind === LOADING_AREA_CAMERA) {
      // A loading area has no barrier: its trigger is one more frame to look for plates in, on
      // the loading-area topic, so no read of it can ever reach a lane's barrier decision.
      await this.loadingAreas.publish(device, bytes, 'motion', `trigger|${notificationKey}`, capturedAt);
      snapshotsTaken.add(1, { trigger: 'loading-area' });
      return;
    }
    if (!hasLane(device)) {
      // Only a loading-area camera stands on a site without a lane (`CHK_devices_place`).
      throw new Error(`device ${device.id} (${device.kind}) has no lane`);
    }
    const image = await this.captures.store(device, capturedAt, 'scene', bytes, 'image/jpeg', 'jpg');
    const ids = captureIds('onvif', device.id, notificationKey);
    await this.publisher.publish('camera.snapshot.captured.v1', {
      enterpriseId: device.enterpriseId,
      key: laneKeyOf(device),
      eventId: ids.snapshotEventId,
      occurredAt: capturedAt,
      payload: {
        captureId: ids.captureId,
        cameraId: device.id,
        lane: laneRefOf(device),
        // Our clock, not the camera's: its clock may drift (reported separately).
        capturedAt: capturedAt.toISOString(),
        trigger,
        image,
      },
    });
    snapshotsTaken.add(1, { trigger });
  }
}
