import { createLogger } from '@ecogate/telemetry';
import { plateRecognitionConfig } from './config/plate-recognition.config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const config = plateRecognitionConfig.load();
  const logger = createLogger({ service: 'plate-recognition', level: config.logLevel });
  logger.info({ models: config.lpr.engine, pool: config.lpr.pool, gate: config.lpr.gate }, 'starting');
  const app = await createApp(config, logger);
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  logger.info({ url: await app.getUrl() }, 'plate-recognition listening');
}

bootstrap().catch((error: unknown) => {
  // Config and model errors end here: name them and stop with a non-zero code.
  console.error(error);
  process.exit(1);
});
