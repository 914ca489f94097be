// First: the native parts, before any other module loads them (a missing one ends the start here, named).
import { PLATE_RECOGNITION_NATIVE_PARTS } from './native-parts';
import { verifierOptions } from '@ecogate/auth';
import { lprConfig, RecognitionPool, silentLogger } from '@ecogate/lpr';
import { CHECK_FLAG, runCheck, runService } from '@ecogate/telemetry';
import { plateRecognitionConfig } from './config/plate-recognition.config';
import { createApp } from './create-app';

/**
 * `--check` (an image's smoke test): the native parts, then one recognition worker started as the
 * service starts its workers (`recognition.worker.js` beside `main.js` in the build): every model
 * the `LPR_*` settings name loaded, verified against its sha256 and run once.
 */
async function checkModels(): Promise<string[]> {
  const { engine, pipeline, pool } = lprConfig.load();
  const loaded: string[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const workers = await RecognitionPool.start({
    ...pool,
    workers: 1,
    init: { engine, pipeline, sharpConcurrency: 1 },
    logger: {
      ...silentLogger,
      info: (fields, message) => {
        if (message === 'model loaded and verified') loaded.push(String(fields['model']));
      },
      error: (fields, message) => failures.push(`${message}: ${String(fields['err'] ?? '')}`),
    },
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`models (LPR_MODEL_DIR=${engine.modelDir}): ${[reason, ...failures].join('; ')}`);
  });
  await workers.close();
  const ms = Math.round(performance.now() - started);
  return [`models: ${loaded.join(', ')} verified and run by a worker (${ms} ms) from ${engine.modelDir}`];
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
