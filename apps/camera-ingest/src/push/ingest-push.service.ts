import { Inject, Injectable } from '@nestjs/common';
import { EVENT_PUBLISHER, type EventPublisher } from '@ecogate/messaging';
import { type Logger, LOGGER, meter } from '@ecogate/telemetry';
import { CaptureStore, type LaneCamera, laneKeyOf, laneRefOf } from '../capture/capture-store';
import { PushReceiptRepository, type PushReceipts } from '../receipts/push-receipt.repository';
import { type AnprPush, type PushOutcome, REPLY_DRIVES_BARRIER } from './anpr-push.adapter';
import { BARRIER_DECISION, type BarrierDecisionPort } from './barrier-decision.port';
import { captureIds } from './event-ids';
import { reportAnomalies } from './anomaly-report';
import { plateVerdict } from './plate-verdict';
import { asIngestFailure, PushClaims } from './push-claim';
import { PUSH_SETTINGS, type PushSettings } from './push-settings';

/** The camera a read came from, however it arrived (its push, or its event stream). */
export interface IngestDevice extends LaneCamera {
  readonly id: string;
}

const pushes = meter('camera-ingest').createCounter('camera_ingest_pushes_total', {
  description: 'ANPR pushes by vendor and outcome',
});

/**
 * Turns one authenticated, parsed push into stored images and events: claim the capture, store
 * raw payload and images by content hash, publish with ids derived from the vendor key, mark
 * published. A failure gives the claim back so the camera's retry works. A re-push is answered
 * `duplicate` only once the original is published: while it is in flight the re-push waits for
 * it (and takes over if it fails), else it is refused with a retry-able 503.
 */
@Injectable()
export class IngestPushService {
  private readonly claims: PushClaims;

  constructor(
    @Inject(PushReceiptRepository) receipts: PushReceipts,
    @Inject(CaptureStore) private readonly captures: CaptureStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(BARRIER_DECISION) private readonly barrier: BarrierDecisionPort,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PUSH_SETTINGS) settings: Pick<PushSettings, 'inFlightWaitMs'>,
  ) {
    this.claims = new PushClaims(receipts, logger, settings.inFlightWaitMs);
  }

  async ingest(device: IngestDevice, push: AnprPush): Promise<PushOutcome> {
    const ids = captureIds(push.vendor, device.id, push.idempotencyKey);
    const receipt = {
      enterpriseId: device.enterpriseId,
      deviceId: device.id,
      vendorKey: push.idempotencyKey,
    };
    const claimed = await this.claims.claimOrWait(receipt, ids.plateReadEventId, () =>
      pushes.add(1, { vendor: push.vendor, outcome: 'in-flight' }),
    );
    if (claimed === 'published') {
      pushes.add(1, { vendor: push.vendor, outcome: 'duplicate' });
      this.logger.info({ deviceId: device.id, eventId: ids.plateReadEventId }, 'duplicate push ignored');
      return { kind: 'duplicate', openBarrier: false };
    }
    const lane = laneRefOf(device);
    const verdict = plateVerdict(push);
    try {
      const store = (kind: string, bytes: Buffer, contentType: string, ext: string) =>
        this.captures.store(device, push.capturedAt, kind, bytes, contentType, ext);
      const raw = await store(`anpr-raw-${push.vendor}`, push.raw.bytes, push.raw.contentType, push.raw.ext);
      const scene = push.images.scene && (await store('scene', push.images.scene.bytes, 'image/jpeg', 'jpg'));
      const plate = push.images.plate && (await store('plate', push.images.plate.bytes, 'image/jpeg', 'jpg'));
      const key = laneKeyOf(device);
      const capturedAt = push.capturedAt.toISOString();
      if (scene) {
        await this.publisher.publish('camera.snapshot.captured.v1', {
          enterpriseId: lane.enterpriseId,
          key,
          eventId: ids.snapshotEventId,
          occurredAt: push.capturedAt,
          payload: {
            captureId: ids.captureId,
            cameraId: device.id,
            lane,
            capturedAt,
            trigger: 'anpr-push',
            image: scene,
          },
        });
      }
      await this.publisher.publish('anpr.plate.read.v1', {
        enterpriseId: lane.enterpriseId,
        key,
        eventId: ids.plateReadEventId,
        occurredAt: push.capturedAt,
        payload: {
          readId: ids.plateReadEventId,
          captureId: ids.captureId,
          cameraId: device.id,
          lane,
          capturedAt,
          source: 'camera',
          plate: {
            text: verdict.text,
            colour: verdict.colour,
            rawColour: push.colour.raw.slice(0, 64),
            confidence: push.confidence,
          },
          verdict: verdict.verdict,
          reviewReasons: verdict.reviewReasons,
          images: { ...(scene ? { scene } : {}), ...(plate ? { plate } : {}) },
          origin: {
            vendor: push.vendor,
            rawPayload: raw,
            ...(push.anomalies?.length ? { anomalies: [...push.anomalies] } : {}),
          },
        },
      });
    } catch (error) {
      await this.claims.release(receipt);
      pushes.add(1, { vendor: push.vendor, outcome: 'failed' });
      throw asIngestFailure(error);
    }
    // Published: the push is accepted whatever happens to the receipt now. A 503 here would make
    // the camera retry a read whose decision is already taken.
    await this.claims.markPublished(receipt, ids.plateReadEventId);
    pushes.add(1, { vendor: push.vendor, outcome: 'accepted' });
    reportAnomalies(this.logger, push, { deviceId: device.id, eventId: ids.plateReadEventId });
    // A back-filled record passed long ago (the camera decided offline); only a live read may open.
    // Cameras whose barrier is commanded by barrier-control itself need no answer in the reply.
    if (push.offline || !REPLY_DRIVES_BARRIER.has(push.vendor))
      return { kind: 'accepted', openBarrier: false };
    const decision = await this.barrier.decide({
      lane,
      captureId: ids.captureId,
      deviceId: device.id,
      plateText: verdict.text,
      verdict: verdict.verdict,
      capturedAt: push.capturedAt,
    });
    return { kind: 'accepted', openBarrier: decision.kind === 'open' };
  }
}
