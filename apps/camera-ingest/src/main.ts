import { serviceTokenFrom, verifierOptions } from '@ecogate/auth';
import { createDataSource, runMigrations } from '@ecogate/persistence';
import { CHECK_FLAG, createLogger, runCheck, runService } from '@ecogate/telemetry';
import { cameraIngestConfig, type CameraIngestConfig } from './config/camera-ingest.config';
import { startCameraIngest } from './create-app';
import { cameraIngestDataSourceSettings } from './database/camera-ingest.data-source';

/** The deploy step: apply pending migrations and stop (the app never migrates at boot). */
async function migrate(config: CameraIngestConfig): Promise<void> {
  const logger = createLogger({ service: 'camera-ingest', level: config.observability.logLevel });
  const dataSource = createDataSource(
    cameraIngestDataSourceSettings(config.database.url.reveal(), { logger }),
  );
  await dataSource.initialize();
  await runMigrations(dataSource, { logger });
  await dataSource.destroy();
}

// `--check` (an image's smoke test): every module loads; this service has no native part.
if (process.argv.includes(CHECK_FLAG)) {
  void runCheck('camera-ingest', []);
} else if (process.argv.includes('--migrate')) {
  migrate(cameraIngestConfig.load()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  void runService('camera-ingest', () => {
    const config = cameraIngestConfig.load();
    return {
      observability: config.observability,
      start: async (logger) => {
        const service = await startCameraIngest(config, logger, {
          verifier: verifierOptions(config.auth),
          // Only barrier-control is called; without it camera-ingest needs no signing key.
          ...(config.barrierControl
            ? { serviceToken: await serviceTokenFrom(config.auth, 'camera-ingest') }
            : {}),
        });
        logger.info({ pushUrl: service.pushUrl, apiUrl: service.apiUrl }, 'camera-ingest listening');
        return { url: service.pushUrl, close: () => service.close() };
      },
    };
  });
}
