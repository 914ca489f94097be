import { verifierOptions } from '@ecogate/auth';
import { runService } from '@ecogate/telemetry';
import { plateRecognitionConfig } from './config/plate-recognition.config';
import { createApp } from './create-app';

void runService('plate-recognition', () => {
  const config = plateRecognitionConfig.load();
  return {
    observability: config.observability,
    start: async (logger) => {
      logger.info({ models: config.lpr.engine, pool: config.lpr.pool, gate: config.lpr.gate }, 'starting');
      const app = await createApp(config, verifierOptions(config.auth), logger);
      await app.startAllMicroservices();
      await app.listen(config.http.port, config.http.host);
      return { url: await app.getUrl(), close: () => app.close() };
    },
  };
});
