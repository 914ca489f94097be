import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { correlationMiddleware, type Logger } from '@ecogate/telemetry';
import { AppModule } from './app.module';
import { type PlateRecognitionConfig } from './config/plate-recognition.config';
import { NestPinoLogger } from './http/app-logger';
import { IMAGE_MEDIA_TYPES } from './recognition/recognition.controller';

/** Builds the app (not yet listening): used by `main.ts`, the spec and the benchmark. */
export async function createApp(
  config: PlateRecognitionConfig,
  logger: Logger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger), {
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
  });
  app.use(correlationMiddleware);
  // Raw image bodies; a larger one is refused with 413 as soon as its length is known.
  app.useBodyParser('raw', { type: IMAGE_MEDIA_TYPES, limit: config.http.maxBodyBytes });
  app.enableShutdownHooks();
  return app;
}
