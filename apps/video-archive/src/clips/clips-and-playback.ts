import { createKafka } from '@ecogate/messaging';
import { type DataSource } from '@ecogate/persistence';
import { MinioObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type VideoArchiveOptions } from '../app/start-video-archive';
import { type VideoArchiveConfig } from '../config/video-archive.config';
import { playbackExtension } from '../playback/playback.extension';
import { PLAYBACK_ERROR_STATUS } from '../playback/playback.exception';
import { clipConfig } from './clip.config';
import { type ClipPipeline, loadCameraLanes, startClipPipeline } from './clip-pipeline';

export interface ClipsAndPlayback {
  /** Hand to `startVideoArchive`: the playback API joins the service's HTTP app. */
  readonly options: Omit<VideoArchiveOptions, 'verifier'>;
  /** Starts the passage-clip pipeline on the service's database; undefined when no lanes file is set. */
  start(dataSource: DataSource): Promise<ClipPipeline | undefined>;
}

/** Passage clips and playback for `main.ts`, configured by the `VIDEO_CLIP_*`/`VIDEO_PLAYBACK_*` variables. */
export function clipsAndPlayback(
  config: Pick<VideoArchiveConfig, 'storage' | 'kafka' | 'recorder'>,
  logger: Logger,
): ClipsAndPlayback {
  const clips = clipConfig.load();
  const storage = new MinioObjectStorage(config.storage);
  return {
    options: {
      extensions: [playbackExtension(storage, clips.playback)],
      errorStatus: PLAYBACK_ERROR_STATUS,
    },
    async start(dataSource) {
      if (!clips.cameraLanesFile) {
        logger.warn('VIDEO_CAMERA_LANES_FILE is not set: no passage clips are cut');
        return undefined;
      }
      const messaging = { ...config.kafka, logger };
      return startClipPipeline({
        dataSource,
        storage,
        kafka: createKafka(messaging),
        messaging,
        bucket: config.recorder.bucket,
        cameras: await loadCameraLanes(clips.cameraLanesFile),
        config: clips,
        logger,
      });
    },
  };
}
