import { createVerifier, type TokenVerifierOptions, usePolicy, POLICY, withPolicy } from '@ecogate/auth';
import { serveOpenApi } from '@ecogate/http-edge';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { correlationMiddleware, type Logger, NestPinoLogger } from '@ecogate/telemetry';
import { AppModule } from './app.module';
import { type PlateRecognitionConfig } from './config/plate-recognition.config';
import { plateRecognitionOpenApi } from './http/plate-recognition.openapi';
import { openSnapshotPipeline } from './snapshots/snapshot-transport';

/**
 * Builds the app (not yet listening): used by `main.ts`, the specs and the benchmark. Every HTTP
 * route is behind the policy guard (tokens verified with `auth`); the bus's handlers are not (the
 * bus authenticates each service). With the snapshot path configured (on Kafka or the embedded
 * bus), its consumer is connected as a microservice of this app; it starts consuming on
 * `app.startAllMicroservices()`, and `app.close()` releases the path.
 */
export async function createApp(
  config: PlateRecognitionConfig,
  auth: TokenVerifierOptions,
  logger: Logger,
): Promise<NestExpressApplication> {
  const snapshots = config.snapshots ? await openSnapshotPipeline(config.snapshots, logger) : undefined;
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register(config, logger, snapshots),
      {
        logger: new NestPinoLogger(logger.child({ component: 'nest' })),
        // Throw a failed start to the caller (runService logs it; a test sees it) instead of Nest exiting the process.
        abortOnError: false,
      },
    );
    app.use(correlationMiddleware);
    usePolicy(app, 'plate-recognition', createVerifier(auth), logger);
    serveOpenApi(app, withPolicy(plateRecognitionOpenApi, POLICY['plate-recognition']));
    // Raw image bodies are read by the controller, after the guard (413 as soon as one is too large).
    if (snapshots) {
      // A hybrid app's microservice is initialised on connect, too late for its own `useGlobalFilters`:
      // it shares the app's config instead, whose `HttpExceptionFilter` passes non-HTTP errors through
      // unchanged (as `PassThroughRpcErrors` does), so the consumer can tell retriable from fatal.
      app.connectMicroservice({ strategy: snapshots.server }, { inheritAppConfig: true });
    }
    return app;
  } catch (error) {
    await snapshots?.close();
    throw error;
  }
}
