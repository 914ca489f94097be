import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { serveOpenApi } from '@ecogate/http-edge';
import { correlationMiddleware, type Logger, NestPinoLogger } from '@ecogate/telemetry';
import { json } from 'express';
import { AppModule, type AppOverrides } from './app.module';
import { type CameraIngestConfig } from './config/camera-ingest.config';
import { cameraIngestOpenApi } from './http/camera-ingest.openapi';

/** Builds the app (not yet listening): used by `main.ts` and the tests. */
export async function createApp(
  config: CameraIngestConfig,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<NestExpressApplication> {
  // No global body parser: push bodies are read by the push controller after authentication.
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, logger, overrides),
    {
      logger: new NestPinoLogger(logger.child({ component: 'nest' })),
      // Throw a failed start to the caller (runService logs it; a test sees it) instead of Nest exiting the process.
      abortOnError: false,
      bodyParser: false,
    },
  );
  app.use(correlationMiddleware);
  app.use('/enterprises', json({ limit: '64kb' }));
  serveOpenApi(app, cameraIngestOpenApi);
  return app;
}
