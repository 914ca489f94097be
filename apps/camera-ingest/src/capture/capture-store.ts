import { Inject, Injectable } from '@nestjs/common';
import { type LaneRef, type ObjectRef } from '@ecogate/contracts';
import { type DeviceLane, type DeviceSite } from '../registry/device-lane';
import { type EnterpriseId } from '@ecogate/persistence';
import { objectKey, type ObjectStorage } from '@ecogate/storage';
import { createHash } from 'node:crypto';
import { PUSH_SETTINGS, type PushSettings } from '../push/push-settings';

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** A camera as far as its stored objects care: whose it is and which site it stands on. */
export interface SitedCamera {
  readonly enterpriseId: EnterpriseId;
  readonly site: DeviceSite;
}

/** A camera as far as its captures care: whose it is and which lane it watches. */
export interface LaneCamera extends SitedCamera {
  readonly lane: DeviceLane;
}

export function laneRefOf(camera: LaneCamera): LaneRef {
  const { siteId, gateId, laneId, direction } = camera.lane;
  return { enterpriseId: camera.enterpriseId, siteId, gateId, laneId, direction };
}

/** The Kafka key of every capture event: per lane, so a lane's events stay in order. */
export const laneKeyOf = (camera: LaneCamera): string => `${camera.enterpriseId}/${camera.lane.laneId}`;

/**
 * Stores what a camera captured (images, raw payloads) under its content hash in the site's
 * date folder (the site's time zone), whichever way it arrived: a vendor push or an ONVIF trigger.
 */
@Injectable()
export class CaptureStore {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(PUSH_SETTINGS) private readonly settings: PushSettings,
  ) {}

  async store(
    camera: SitedCamera,
    capturedAt: Date,
    kind: string,
    bytes: Buffer,
    contentType: string,
    ext: string,
  ): Promise<ObjectRef> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = objectKey(
      { enterpriseId: camera.enterpriseId, siteId: camera.site.siteId, date: capturedAt, kind, sha256, ext },
      { timeZone: camera.site.timeZone },
    );
    const bucket = this.settings.bucket;
    await this.storage.put(bucket, key, bytes, { contentType, size: bytes.length });
    return { bucket, key, sha256, contentType, bytes: bytes.length };
  }
}
