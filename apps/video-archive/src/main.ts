import { serviceTokenFrom, verifierOptions } from '@ecogate/auth';
import { createDataSource, runMigrations } from '@ecogate/persistence';
import {
  CHECK_FLAG,
  createLogger,
  type NativePart,
  probeNativeParts,
  program,
  runCheck,
  runService,
} from '@ecogate/telemetry';
import { startVideoArchive } from './app/start-video-archive';
import { loadCameras } from './cameras/camera-source';
import { clipsAndPlayback } from './clips/clips-and-playback';
import { clipConfig } from './clips/clip.config';
import { videoArchiveConfig, type VideoArchiveConfig, videoToolsConfig } from './config/video-archive.config';
import { videoEntities, videoMigrations } from './video-archive.data-source';
import { windowScans } from './window-scan/window-scans';

/** The programs that record and cut (`FFMPEG_PATH`, `FFPROBE_PATH`). */
function videoTools(tools: { ffmpegPath: string; ffprobePath: string }): NativePart[] {
  return [
    program('ffmpeg', tools.ffmpegPath, 'FFMPEG_PATH'),
    program('ffprobe', tools.ffprobePath, 'FFPROBE_PATH'),
  ];
}

/** The deploy step: apply pending migrations and stop (the service never migrates at boot). */
async function migrate(config: VideoArchiveConfig): Promise<void> {
  const logger = createLogger({ service: 'video-archive', level: config.observability.logLevel });
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: videoEntities,
    migrations: videoMigrations,
    name: 'video-archive-migrate',
    logger,
  });
  await dataSource.initialize();
  await runMigrations(dataSource, { logger });
  await dataSource.destroy();
}

if (process.argv.includes(CHECK_FLAG)) {
  void runCheck('video-archive', videoTools(videoToolsConfig.load()));
} else if (process.argv.includes('--migrate')) {
  migrate(videoArchiveConfig.load()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  void runService('video-archive', () => {
    const config = videoArchiveConfig.load();
    return {
      observability: config.observability,
      start: async (logger) => {
        const cameras = await loadCameras(
          config.cameras.file,
          config.cameras.ingestUrl
            ? { url: config.cameras.ingestUrl, token: await serviceTokenFrom(config.auth, 'video-archive') }
            : undefined,
        );
        // A camera to record (or a window to scan) needs ffmpeg now, not at its first segment: a
        // start without it fails, named.
        if (cameras.length > 0 || config.windowScans.recognitionUrl) {
          probeNativeParts('video-archive', videoTools(config.recorder));
        }
        const clips = clipsAndPlayback(config, logger);
        // Best frames are linked like playback's segments and clips (same short-lived URL lifetime).
        const scans = windowScans(config, logger, clipConfig.load().playback);
        const service = await startVideoArchive(
          { ...config, followCameraStatus: config.cameras.followStatus },
          cameras,
          logger,
          {
            extensions: [...(clips.options.extensions ?? []), ...scans.options.extensions],
            errorStatus: { ...clips.options.errorStatus, ...scans.options.errorStatus },
            verifier: verifierOptions(config.auth),
          },
        );
        const clipPipeline = await clips.start(service);
        const scanWorker = await scans.start(service, () => serviceTokenFrom(config.auth, 'video-archive'));
        logger.info({ cameras: cameras.length }, 'cameras loaded');
        return {
          url: service.url,
          close: async () => {
            await scanWorker?.stop();
            await clipPipeline?.close();
            await service.close();
          },
        };
      },
    };
  });
}
