import { createDataSource, runMigrations } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { cameraIngestConfig } from './config/camera-ingest.config';
import { createApp } from './create-app';
import { cameraIngestDataSourceSettings } from './database/camera-ingest.data-source';

async function bootstrap(): Promise<void> {
  const config = cameraIngestConfig.load();
  const logger = createLogger({ service: 'camera-ingest', level: config.logLevel });
  if (process.argv.includes('--migrate')) {
    // The deploy step: apply pending migrations and stop (the app never migrates at boot).
    const dataSource = createDataSource(
      cameraIngestDataSourceSettings(config.database.url.reveal(), { logger }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource, { logger });
    await dataSource.destroy();
    return;
  }
  const app = await createApp(config, logger);
  await app.listen(config.http.port, config.http.host);
  logger.info({ url: await app.getUrl() }, 'camera-ingest listening');
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
