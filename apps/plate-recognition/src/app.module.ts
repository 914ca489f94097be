import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { serviceTokenFrom } from '@ecogate/auth';
import { startDrivingLicencePool, startInventoryListPool } from '@ecogate/document-reading';
import { PlateReader, RecognitionPool } from '@ecogate/lpr';
import { EVENT_PUBLISHER, type EventPublisher } from '@ecogate/messaging';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { APP_CONFIG, type PlateRecognitionConfig } from './config/plate-recognition.config';
import { DocumentReadersController } from './documents/document-readers.controller';
import { DocumentReadersService } from './documents/document-readers.service';
import { DRIVING_LICENCE_POOL, INVENTORY_LIST_POOL } from './documents/document-readers.tokens';
import { HealthController } from './health/health.controller';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { KnownPlatesCache } from './known-plates/known-plates-cache';
import { LedgerKnownPlates } from './known-plates/ledger-known-plates.client';
import { SiteKnowledgeFrom } from './known-plates/site-knowledge';
import { RecognitionController } from './recognition/recognition.controller';
import { RecognitionService } from './recognition/recognition.service';
import { PLATE_READER, RECOGNITION_POOL } from './recognition/recognition.tokens';
import { LoadingAreaFrameReader } from './snapshots/loading-area-frame-reader';
import { SnapshotConsumer } from './snapshots/snapshot.consumer';
import { SnapshotReader } from './snapshots/snapshot-reader';
import { type SnapshotPipeline } from './snapshots/snapshot-transport';

const SNAPSHOT_PIPELINE = Symbol('SNAPSHOT_PIPELINE');
const SITE_KNOWLEDGE = Symbol('SITE_KNOWLEDGE');

/** Lane snapshots' site knowledge: the ledger's known plates (with `LEDGER_URL`) and the province prior. */
async function siteKnowledge(config: PlateRecognitionConfig, logger: Logger): Promise<SiteKnowledgeFrom> {
  const known = config.knownPlates;
  const cache = known
    ? new KnownPlatesCache(
        new LedgerKnownPlates({
          baseUrl: known.ledgerUrl,
          timeoutMs: known.timeoutMs,
          token: await serviceTokenFrom(config.auth, 'plate-recognition'),
        }),
        known,
        logger,
      )
    : undefined;
  return new SiteKnowledgeFrom(cache, config.provincePrior);
}

/** Releases the snapshot path's publisher and bus once the app (its consumer included) has stopped. */
@Injectable()
class SnapshotPipelineLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SNAPSHOT_PIPELINE) private readonly pipeline: SnapshotPipeline) {}

  async onApplicationShutdown(): Promise<void> {
    // Nest stops the connected microservice (the consumer) before the shutdown hooks run.
    await this.pipeline.close();
  }
}

@Module({})
export class AppModule {
  /** `snapshots`: the opened snapshot path (`openSnapshotPipeline`), present when configured; the app closes it. */
  static register(
    config: PlateRecognitionConfig,
    logger: Logger,
    snapshots?: SnapshotPipeline,
  ): DynamicModule {
    const pipeline = snapshots ? snapshotProviders(config, snapshots, logger) : undefined;
    return {
      module: AppModule,
      imports: [
        // Multipart uploads stay in memory, one file, capped like raw bodies.
        MulterModule.register({
          limits: { fileSize: config.http.maxBodyBytes, files: 1, fields: 8, parts: 10 },
        }),
      ],
      controllers: [
        RecognitionController,
        DocumentReadersController,
        HealthController,
        ...(pipeline?.controllers ?? []),
      ],
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
        {
          provide: DRIVING_LICENCE_POOL,
          // The 行驶证 reader's own workers (PP-OCRv4 det + rec): a page's OCR never queues behind a lane's plates.
          useFactory: () =>
            startDrivingLicencePool({
              ...config.drivingLicence.pool,
              init: config.drivingLicence.init,
              logger: logger.child({ component: 'licence-ocr' }),
            }),
        },
        {
          provide: INVENTORY_LIST_POOL,
          // The 随车清单 QR reader's own workers (ZXing as wasm): a decode never runs on the event loop.
          useFactory: () =>
            startInventoryListPool({
              ...config.inventoryList.pool,
              init: config.inventoryList.init,
              logger: logger.child({ component: 'inventory-list-qr' }),
            }),
        },
        DocumentReadersService,
        ...(pipeline?.providers ?? []),
      ],
    };
  }
}

/** The snapshot path, present only when configured (`SNAPSHOTS_ENABLED`): publisher, storage, handler. */
function snapshotProviders(
  config: PlateRecognitionConfig,
  snapshots: SnapshotPipeline,
  logger: Logger,
): { controllers: Type[]; providers: Provider[] } {
  return {
    controllers: [SnapshotConsumer],
    providers: [
      { provide: SNAPSHOT_PIPELINE, useValue: snapshots },
      SnapshotPipelineLifecycle,
      { provide: EVENT_PUBLISHER, useValue: snapshots.publisher },
      {
        provide: SITE_KNOWLEDGE,
        useFactory: () => siteKnowledge(config, logger.child({ component: 'known-plates' })),
      },
      {
        provide: SnapshotReader,
        inject: [PLATE_READER, EVENT_PUBLISHER, SITE_KNOWLEDGE],
        useFactory: (reader: PlateReader, publisher: EventPublisher, sites: SiteKnowledgeFrom) =>
          new SnapshotReader(
            snapshots.storage,
            reader,
            publisher,
            logger.child({ component: 'snapshots' }),
            { maxImageBytes: snapshots.maxImageBytes },
            sites,
          ),
      },
      {
        provide: LoadingAreaFrameReader,
        inject: [PLATE_READER, EVENT_PUBLISHER],
        useFactory: (reader: PlateReader, publisher: EventPublisher) =>
          new LoadingAreaFrameReader(
            snapshots.storage,
            reader,
            publisher,
            logger.child({ component: 'loading-area-frames' }),
            { maxImageBytes: snapshots.maxImageBytes },
          ),
      },
    ],
  };
}
