import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { PlateReader, RecognitionPool } from '@ecogate/lpr';
import { EVENT_PUBLISHER, type EventPublisher, MessagingModule } from '@ecogate/messaging';
import { MinioObjectStorage } from '@ecogate/storage';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import {
  APP_CONFIG,
  type PlateRecognitionConfig,
  type SnapshotPipelineConfig,
} from './config/plate-recognition.config';
import { HealthController } from './health/health.controller';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { RecognitionController } from './recognition/recognition.controller';
import { RecognitionService } from './recognition/recognition.service';
import { PLATE_READER, RECOGNITION_POOL } from './recognition/recognition.tokens';
import { SnapshotConsumer } from './snapshots/snapshot.consumer';
import { SnapshotReader } from './snapshots/snapshot-reader';

@Module({})
export class AppModule {
  static register(config: PlateRecognitionConfig, logger: Logger): DynamicModule {
    const snapshots = config.snapshots ? snapshotPipeline(config.snapshots, logger) : undefined;
    return {
      module: AppModule,
      imports: [
        // Multipart uploads stay in memory, one file, capped like raw bodies.
        MulterModule.register({
          limits: { fileSize: config.http.maxBodyBytes, files: 1, fields: 8, parts: 10 },
        }),
        ...(snapshots?.imports ?? []),
      ],
      controllers: [RecognitionController, HealthController, ...(snapshots?.controllers ?? [])],
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
        ...(snapshots?.providers ?? []),
      ],
    };
  }
}

/** The Kafka path, present only when configured (`KAFKA_ENABLED`): publisher, storage, handler. */
function snapshotPipeline(
  config: SnapshotPipelineConfig,
  logger: Logger,
): { imports: DynamicModule[]; controllers: Type[]; providers: Provider[] } {
  const providers: Provider[] = [
    {
      provide: SnapshotReader,
      inject: [PLATE_READER, EVENT_PUBLISHER],
      useFactory: (reader: PlateReader, publisher: EventPublisher) =>
        new SnapshotReader(
          new MinioObjectStorage(config.storage),
          reader,
          publisher,
          logger.child({ component: 'snapshots' }),
          { maxImageBytes: config.maxImageBytes },
        ),
    },
  ];
  return {
    imports: [
      MessagingModule.forRoot({
        brokers: config.kafka.brokers,
        clientId: config.kafka.clientId,
        ...(config.kafka.topicPrefix ? { topicPrefix: config.kafka.topicPrefix } : {}),
        ...(config.kafka.tls ? { tls: config.kafka.tls } : {}),
        ...(config.kafka.sasl ? { sasl: config.kafka.sasl } : {}),
        logger: logger.child({ component: 'messaging' }),
        publishes: ['anpr.plate.read.v1'],
      }),
    ],
    controllers: [SnapshotConsumer],
    providers,
  };
}
