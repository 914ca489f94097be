import {
  type EventConsumer,
  type EventHandler,
  type MessagingTransport,
  type RetryPolicy,
} from '@ecogate/messaging';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { type CameraLanes, camerasFilming } from './camera-lanes';
import { clipIdOf } from './clip-id';
import { clipMetrics } from './clip-metrics';
import { type VideoClipRepository } from './video-clip.repository';

export const PASSAGE_CLIPS_CONSUMER_GROUP = 'video-archive.passage-clips';

export interface ClipWindowSettings {
  /** Seconds of video before and after the passage's capture instant. */
  readonly beforeSeconds: number;
  readonly afterSeconds: number;
  /** How long after the window end to wait for its segments (≥ segment length + upload time). */
  readonly maxWaitMs: number;
}

export interface PassageClipDependencies {
  readonly clips: VideoClipRepository;
  readonly cameras: () => CameraLanes;
  readonly window: ClipWindowSettings;
  readonly logger: Logger;
}

/**
 * Records a clip request per camera that films the passage's lane. Redeliveries and later
 * revisions of the same passage direction insert nothing (unique per direction × camera): the
 * clip is about when the vehicle passed, which a correction of its data does not move.
 */
export function passageClipHandler(
  deps: PassageClipDependencies,
): EventHandler<'ledger.passage.recorded.v1'> {
  return async (event) => {
    const passage = event.payload;
    const enterpriseId = parseEnterpriseId(passage.enterpriseId);
    const cameras = camerasFilming(deps.cameras(), passage);
    if (cameras.length === 0) {
      clipMetrics.unfilmedLanes.add(1);
      deps.logger.warn(
        { enterpriseId, siteId: passage.siteId, gateId: passage.gateId, laneId: passage.laneId },
        'no camera films this lane: no clip for the passage',
      );
      return;
    }
    const capturedAt = new Date(passage.capturedAt);
    const requestedFrom = new Date(capturedAt.getTime() - deps.window.beforeSeconds * 1000);
    const requestedTo = new Date(capturedAt.getTime() + deps.window.afterSeconds * 1000);
    for (const cameraId of cameras) {
      const inserted = await deps.clips.request(enterpriseId, {
        id: clipIdOf(enterpriseId, passage.passageId, passage.direction, cameraId),
        siteId: passage.siteId,
        passageId: passage.passageId,
        direction: passage.direction,
        cameraId,
        capturedAt,
        requestedFrom,
        requestedTo,
        giveUpAt: new Date(requestedTo.getTime() + deps.window.maxWaitMs),
      });
      if (inserted) clipMetrics.requested.add(1, { camera: cameraId });
    }
  };
}

/**
 * The consumer of passages for clips, on the service's bus (Kafka or the embedded log); create its
 * topics with `transport.ensureTopics(consumer.topics())` before starting it.
 */
export function createPassageClipConsumer(
  transport: Pick<MessagingTransport, 'createConsumer'>,
  deps: PassageClipDependencies,
  retry?: RetryPolicy,
): EventConsumer {
  return transport.createConsumer({
    groupId: PASSAGE_CLIPS_CONSUMER_GROUP,
    handlers: { 'ledger.passage.recorded.v1': passageClipHandler(deps) },
    ...(retry ? { retry } : {}),
  });
}
