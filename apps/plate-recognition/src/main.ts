// First: the native parts, before any other module loads them (a missing one ends the start here, named).
import { PLATE_RECOGNITION_NATIVE_PARTS } from './native-parts';
import { verifierOptions } from '@ecogate/auth';
import { createPlateEngine, lprConfig, silentLogger, warmUp } from '@ecogate/lpr';
import { CHECK_FLAG, runCheck, runService } from '@ecogate/telemetry';
import { plateRecognitionConfig } from './config/plate-recognition.config';
import { createApp } from './create-app';

/**
 * `--check` (an image's smoke test): the native parts, then every model the `LPR_*` settings name,
 * loaded, verified against its sha256 and run once, as a worker does before the service listens.
 */
async function checkModels(): Promise<string[]> {
  const { engine } = lprConfig.load();
  const loaded: string[] = [];
  const plateEngine = await createPlateEngine(engine, {
    ...silentLogger,
    info: (fields, message) => {
      if (message === 'model loaded and verified') loaded.push(String(fields['model']));
    },
  });
  try {
    const ms = await warmUp(plateEngine);
    return [`models: ${loaded.join(', ')} verified and run (${Math.round(ms)} ms) from ${engine.modelDir}`];
  } finally {
    await plateEngine.release();
  }
}

if (process.argv.includes(CHECK_FLAG)) {
  void runCheck('plate-recognition', PLATE_RECOGNITION_NATIVE_PARTS, checkModels);
} else {
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
}
