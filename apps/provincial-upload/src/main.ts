import { verifierOptions } from '@ecogate/auth';
import { createDataSource, runMigrations } from '@ecogate/persistence';
import { CHECK_FLAG, createLogger, runCheck, runService } from '@ecogate/telemetry';
import { uploadConfig, uploadJobConfig } from './config/upload.config';
import { startUploadService } from './start-upload-service';
import { uploadEntities, uploadMigrations } from './upload.data-source';

/** `--migrate`: the deploy step (apply pending migrations); the service never migrates at boot. */
async function migrate(): Promise<void> {
  const config = uploadJobConfig.load();
  const logger = createLogger({ service: 'provincial-upload', level: config.observability.logLevel });
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: uploadEntities,
    migrations: uploadMigrations,
    name: 'provincial-upload-migrate',
    logger,
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, { logger });
  } finally {
    await dataSource.destroy();
  }
}

// `--check` (an image's smoke test): every module loads; this service has no native part.
if (process.argv.includes(CHECK_FLAG)) {
  void runCheck('provincial-upload', []);
} else if (process.argv.includes('--migrate')) {
  migrate().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  void runService('provincial-upload', () => {
    const config = uploadConfig.load();
    return {
      observability: config.observability,
      start: (logger) => startUploadService(config, verifierOptions(config.auth), logger),
    };
  });
}
