import { createLogger, startTelemetry } from '@ecogate/telemetry';
import { uploadConfig } from './config/upload.config';
import { startUploadService } from './start-upload-service';

async function bootstrap(): Promise<void> {
  const config = uploadConfig.load();
  const logger = createLogger({ service: 'provincial-upload', level: config.observability.logLevel });
  const telemetry = config.observability.enabled
    ? await startTelemetry({
        serviceName: 'provincial-upload',
        metrics: config.observability.metrics,
        ...(config.observability.otlpEndpoint ? { otlpEndpoint: config.observability.otlpEndpoint } : {}),
      })
    : undefined;
  const service = await startUploadService(config, logger);
  logger.info(
    { url: service.url, platform: config.platform.url, adapter: config.platform.adapter },
    'provincial-upload ready',
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    service
      .close()
      .then(() => telemetry?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

bootstrap().catch((error: unknown) => {
  // Config errors name each bad variable; print them plainly.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
