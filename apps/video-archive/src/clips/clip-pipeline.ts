import { readFile } from 'node:fs/promises';
import { type MessagingTransport } from '@ecogate/messaging';
import { type DataSource } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type CameraLanes, cameraLanesSchema } from './camera-lanes';
import { type ClipConfig } from './clip.config';
import { ClipCutter } from './clip-cutter';
import { ClipWorker } from './clip-worker';
import { createPassageClipConsumer } from './passage-clip.consumer';
import { SegmentWindowRepository } from './segment-window.repository';
import { VideoClipRepository } from './video-clip.repository';

export interface ClipPipelineDependencies {
  readonly dataSource: DataSource;
  readonly storage: ObjectStorage;
  /** The service's bus: its consumer reads passages, its publisher announces clips. */
  readonly transport: MessagingTransport;
  /** The video bucket: clips share its lifecycle and retention. */
  readonly bucket: string;
  readonly cameras: CameraLanes;
  readonly config: Pick<ClipConfig, 'window' | 'worker'>;
  /** ffmpeg and ffprobe (PATH lookup by default). */
  readonly tools?: { readonly ffmpegPath: string; readonly ffprobePath: string };
  readonly logger: Logger;
}

export interface ClipPipeline {
  /** Resolves once the passage consumer has its partitions. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function loadCameraLanes(file: string): Promise<CameraLanes> {
  return cameraLanesSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Passage consumer → clip requests → worker (cut, store, index, announce). */
export async function startClipPipeline(deps: ClipPipelineDependencies): Promise<ClipPipeline> {
  const logger = deps.logger.child({ component: 'clips' });
  const clips = new VideoClipRepository(deps.dataSource);
  const consumer = createPassageClipConsumer(deps.transport, {
    clips,
    cameras: () => deps.cameras,
    window: deps.config.window,
    logger,
  });
  await deps.transport.ensureTopics(
    [...consumer.topics(), deps.transport.physicalTopic('video.clip.archived.v1')].map((name) => ({ name })),
  );
  const publisher = deps.transport.createPublisher();
  await publisher.connect();
  const worker = new ClipWorker(
    {
      clips,
      segments: new SegmentWindowRepository(deps.dataSource),
      cutter: new ClipCutter(deps.storage, deps.tools),
      storage: deps.storage,
      publisher,
      logger,
    },
    { bucket: deps.bucket, ...deps.config.worker },
  );
  worker.start();
  await consumer.start();
  return {
    ready: () => consumer.ready(),
    async close() {
      await consumer.stop();
      await worker.stop();
      await publisher.disconnect();
    },
  };
}
