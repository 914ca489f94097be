import { Inject, Injectable } from '@nestjs/common';
import { type LaneRef, type ObjectRef } from '@ecogate/contracts';
import { EVENT_PUBLISHER, type EventPublisher } from '@ecogate/messaging';
import { type OnvifClient, type OnvifNotification } from '@ecogate/onvif';
import { objectKey, type ObjectStorage } from '@ecogate/storage';
import { meter } from '@ecogate/telemetry';
import { createHash } from 'node:crypto';
import { captureIds } from '../push/event-ids';
import { OBJECT_STORAGE } from '../push/ingest-push.service';
import { type OnvifDevice } from './onvif-device.repository';
import { ONVIF_SETTINGS, type OnvifSettings } from './onvif-settings';

export type SnapshotTrigger = 'ground-loop' | 'motion';

const captures = meter('camera-ingest').createCounter('camera_ingest_onvif_snapshots_total', {
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
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(ONVIF_SETTINGS) private readonly settings: OnvifSettings,
  ) {}

  async capture(
    device: OnvifDevice,
    client: OnvifClient,
    trigger: SnapshotTrigger,
    notification: OnvifNotification,
    capturedAt: Date,
  ): Promise<void> {
    const bytes = await client.snapshot();
    const image = await this.store(device, capturedAt, bytes);
    const notificationKey = [
      notification.topic,
      notification.utcTime?.toISOString() ?? capturedAt.toISOString(),
      JSON.stringify(notification.source),
    ].join('|');
    const ids = captureIds('onvif', device.id, notificationKey);
    const lane: LaneRef = {
      enterpriseId: device.enterpriseId,
      siteId: device.lane.siteId,
      gateId: device.lane.gateId,
      laneId: device.lane.laneId,
      direction: device.lane.direction,
    };
    await this.publisher.publish('camera.snapshot.captured.v1', {
      enterpriseId: device.enterpriseId,
      key: `${device.enterpriseId}/${device.lane.laneId}`,
      eventId: ids.snapshotEventId,
      occurredAt: capturedAt,
      payload: {
        captureId: ids.captureId,
        cameraId: device.id,
        lane,
        // Our clock, not the camera's: its clock may drift (reported separately).
        capturedAt: capturedAt.toISOString(),
        trigger,
        image,
      },
    });
    captures.add(1, { trigger });
  }

  private async store(device: OnvifDevice, capturedAt: Date, bytes: Buffer): Promise<ObjectRef> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = objectKey(
      {
        enterpriseId: device.enterpriseId,
        siteId: device.lane.siteId,
        date: capturedAt,
        kind: 'scene',
        sha256,
        ext: 'jpg',
      },
      { timeZone: device.lane.timeZone },
    );
    const bucket = this.settings.bucket;
    await this.storage.put(bucket, key, bytes, { contentType: 'image/jpeg', size: bytes.length });
    return { bucket, key, sha256, contentType: 'image/jpeg', bytes: bytes.length };
  }
}
