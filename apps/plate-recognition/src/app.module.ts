import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { PlateReader, RecognitionPool } from '@ecogate/lpr';
import { type Logger } from '@ecogate/telemetry';
import { APP_CONFIG, type PlateRecognitionConfig } from './config/plate-recognition.config';
import { HealthController } from './health/health.controller';
import { LOGGER } from './http/app-logger';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { RecognitionController } from './recognition/recognition.controller';
import { RecognitionService } from './recognition/recognition.service';
import { PLATE_READER, RECOGNITION_POOL } from './recognition/recognition.tokens';

@Module({})
export class AppModule {
  static register(config: PlateRecognitionConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Multipart uploads stay in memory, one file, capped like raw bodies.
        MulterModule.register({
          limits: { fileSize: config.http.maxBodyBytes, files: 1, fields: 8, parts: 10 },
        }),
      ],
      controllers: [RecognitionController, HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        {
          provide: RECOGNITION_POOL,
          // Boot waits for every worker to load, verify and warm up its models: a failure stops the start.
          useFactory: () =>
            RecognitionPool.start({
              ...config.lpr.pool,
              init: { engine: config.lpr.engine, pipeline: config.lpr.pipeline, sharpConcurrency: 1 },
              logger: logger.child({ component: 'lpr' }),
            }),
        },
        {
          provide: PLATE_READER,
          useFactory: (pool: RecognitionPool) => new PlateReader(pool, config.lpr.gate),
          inject: [RECOGNITION_POOL],
        },
        RecognitionService,
      ],
    };
  }
}
