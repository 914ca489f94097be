import { Inject, Injectable } from '@nestjs/common';
import { type Logger, LOGGER, meter } from '@ecogate/telemetry';
import {
  type LoadingAreaSource,
  LoadingAreaSnapshots,
  loadingAreaFrameIds,
} from '../loading-area/loading-area-snapshots';
import { PushReceiptRepository, type PushReceipts } from '../receipts/push-receipt.repository';
import { type AnprPush, type PushOutcome } from './anpr-push.adapter';
import { IngestException } from './ingest.exception';
import { asIngestFailure, PushClaims } from './push-claim';
import { PUSH_SETTINGS, type PushSettings } from './push-settings';

const pushes = meter('camera-ingest').createCounter('camera_ingest_loading_area_pushes_total', {
  description: 'Pushes of loading-area cameras by vendor and outcome',
});

/** The frame key of a pushed picture: the vendor's idempotency key, so a re-push is the same frame. */
export const pushFrameKey = (push: Pick<AnprPush, 'vendor' | 'idempotencyKey'>): string =>
  `push|${push.vendor}|${push.idempotencyKey}`;

/**
 * A push of a vendor camera over a loading area: its picture is one more loading-area frame
 * (`loading-area.snapshot.captured.v1`), read by server-side recognition. The plate the camera
 * claims is not trusted there and only logged: it never becomes a plate read, a lane snapshot or
 * a barrier decision. The scene is the frame; the plate crop is a cut of the same instant, a frame
 * only when the camera sent no scene. Deduplicated like lane pushes (receipts per vendor key).
 */
@Injectable()
export class LoadingAreaPushService {
  private readonly claims: PushClaims;

  constructor(
    @Inject(PushReceiptRepository) receipts: PushReceipts,
    @Inject(LoadingAreaSnapshots) private readonly frames: Pick<LoadingAreaSnapshots, 'publish'>,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PUSH_SETTINGS) settings: Pick<PushSettings, 'inFlightWaitMs'>,
  ) {
    this.claims = new PushClaims(receipts, logger, settings.inFlightWaitMs);
  }

  async ingest(camera: LoadingAreaSource, push: AnprPush): Promise<PushOutcome> {
    const picture = push.images.scene ?? push.images.plate;
    if (!picture) {
      // The adapters refuse a read without pictures already; a loading area has nothing else to go on.
      throw new IngestException('missing-part', 'a loading-area camera push needs a picture');
    }
    const frameKey = pushFrameKey(push);
    const { captureId, eventId } = loadingAreaFrameIds(camera.id, frameKey);
    const receipt = {
      enterpriseId: camera.enterpriseId,
      deviceId: camera.id,
      vendorKey: push.idempotencyKey,
    };
    const claimed = await this.claims.claimOrWait(receipt, eventId, () =>
      pushes.add(1, { vendor: push.vendor, outcome: 'in-flight' }),
    );
    if (claimed === 'published') {
      pushes.add(1, { vendor: push.vendor, outcome: 'duplicate' });
      this.logger.info({ deviceId: camera.id, eventId }, 'duplicate loading-area push ignored');
      return { kind: 'duplicate', openBarrier: false };
    }
    try {
      // The camera's own trigger (its vehicle detection) took the picture.
      await this.frames.publish(camera, picture.bytes, 'motion', frameKey, push.capturedAt);
    } catch (error) {
      await this.claims.release(receipt);
      pushes.add(1, { vendor: push.vendor, outcome: 'failed' });
      throw asIngestFailure(error);
    }
    await this.claims.markPublished(receipt, eventId);
    pushes.add(1, { vendor: push.vendor, outcome: 'accepted' });
    this.logger.info(
      {
        deviceId: camera.id,
        captureId,
        eventId,
        picture: push.images.scene ? 'scene' : 'plate',
        cameraPlate: push.plateText,
        cameraConfidence: push.confidence,
      },
      'loading-area push stored as a frame; the plate the camera claims is not trusted, recognition reads the frame',
    );
    return { kind: 'accepted', openBarrier: false };
  }
}
