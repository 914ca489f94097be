import { type Logger } from '@ecogate/telemetry';
import { type VideoArchiveOptions, type VideoArchiveService } from '../app/start-video-archive';
import { type VideoArchiveConfig } from '../config/video-archive.config';
import { playbackExtension } from '../playback/playback.extension';
import { PLAYBACK_ERROR_STATUS } from '../playback/playback.exception';
import { clipConfig } from './clip.config';
import { type ClipPipeline, loadCameraLanes, startClipPipeline } from './clip-pipeline';

export interface ClipsAndPlayback {
  /** Hand to `startVideoArchive`: the playback API joins the service's HTTP app (and uses its storage). */
  readonly options: Omit<VideoArchiveOptions, 'verifier'>;
  /**
   * Starts the passage-clip pipeline on the service's database, bus and storage; undefined when
   * no lanes file is set. Close it before the service.
   */
  start(
    service: Pick<VideoArchiveService, 'dataSource' | 'transport' | 'storage'>,
  ): Promise<ClipPipeline | undefined>;
}

/** Passage clips and playback for `main.ts`, configured by the `VIDEO_CLIP_*`/`VIDEO_PLAYBACK_*` variables. */
export function clipsAndPlayback(
  config: Pick<VideoArchiveConfig, 'recorder'>,
  logger: Logger,
): ClipsAndPlayback {
  const clips = clipConfig.load();
  return {
    options: {
      extensions: [playbackExtension(clips.playback)],
      errorStatus: PLAYBACK_ERROR_STATUS,
    },
    async start(service) {
      if (!clips.cameraLanesFile) {
        logger.warn('VIDEO_CAMERA_LANES_FILE is not set: no passage clips are cut');
        return undefined;
      }
      return startClipPipeline({
        dataSource: service.dataSource,
        storage: service.storage,
        transport: service.transport,
        bucket: config.recorder.bucket,
        cameras: await loadCameraLanes(clips.cameraLanesFile),
        config: clips,
        tools: { ffmpegPath: config.recorder.ffmpegPath, ffprobePath: config.recorder.ffprobePath },
        logger,
      });
    },
  };
}
