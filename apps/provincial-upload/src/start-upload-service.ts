import 'reflect-metadata';
import { type TokenVerifierOptions } from '@ecogate/auth';
import { type ConsumerHealth, createMessagingTransport } from '@ecogate/messaging';
import {
  createDataSource,
  type DataSource,
  openPostgresEventLog,
  PostgresProcessedEventStore,
} from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { createObjectStorage } from '@ecogate/storage';
import { type UploadConfig } from './config/upload.config';
import { type ImageLinks, PresignedImageLinks } from './images/image-links';
import { DeliveryRepository } from './delivery/delivery.repository';
import { DeliveryDispatcher } from './dispatch/delivery-dispatcher.service';
import { HeartbeatService } from './dispatch/heartbeat.service';
import { PlatformStatus } from './dispatch/platform-status';
import { createPassageRecordedConsumer } from './intake/passage-recorded.consumer';
import { RecordPassageService } from './record-passage/record-passage.service';
import { uploadMetrics } from './metrics/upload-metrics';
import { CorrectRecordService } from './correct-record/correct-record.service';
import { DeliveryReportService } from './delivery-report/delivery-report.service';
import { createOperatorApp } from './operator/operator-app';
import { ResumeDeliveryService } from './dispatch/resume-delivery.service';
import { RePushService } from './re-push/re-push.service';
import { type PlatformAdapter } from './platform/platform-adapter';
import { ReferenceHttpAdapter } from './platform/reference-http/reference-http.adapter';
import { ReferenceTcpAdapter } from './platform/reference-tcp/reference-tcp.adapter';
import { uploadEntities, uploadMigrations } from './upload.data-source';

export type UploadServiceConfig = Pick<
  UploadConfig,
  'database' | 'messaging' | 'http' | 'platform' | 'delivery' | 'images'
>;

export interface UploadService {
  /** Operator API base URL. */
  readonly url: string;
  readonly dataSource: DataSource;
  readonly dispatcher: DeliveryDispatcher;
  readonly status: PlatformStatus;
  /** Resolves once the intake consumer sees what is published from now on (on either transport). */
  ready(): Promise<void>;
  /** The intake consumer's health: `degraded` while a partition waits for the database (ADR 0005). */
  health(): ConsumerHealth;
  close(): Promise<void>;
}

export function createPlatformAdapter(platform: UploadConfig['platform']): PlatformAdapter {
  switch (platform.adapter) {
    case 'reference-http':
      return new ReferenceHttpAdapter(platform);
    case 'reference-tcp':
      return new ReferenceTcpAdapter(platform);
  }
}

/**
 * GET links from the profile's object store, valid for `urlTtlSeconds`: presigned URLs on MinIO
 * (signed locally, no request), signed links to the gateway's route on the filesystem (ADR 0008).
 */
export function createImageLinks(images: UploadConfig['images']): ImageLinks {
  const storage = createObjectStorage(images.objectStorage, {
    maxPresignedTtlSeconds: images.urlTtlSeconds,
  });
  return new PresignedImageLinks(storage, images.urlTtlSeconds);
}

/**
 * The composition root: database, intake consumer, dispatcher, heartbeat and operator API (tokens
 * verified with `auth`). Used by `main.ts`, the integration tests and the benchmark. Migrations are
 * not run here (deploy step). The event bus and the image store are those the configuration names
 * (ADR 0008): Kafka and MinIO in the cluster profile, the Postgres-backed log and the filesystem embedded.
 */
export async function startUploadService(
  config: UploadServiceConfig,
  auth: TokenVerifierOptions,
  logger: Logger,
): Promise<UploadService> {
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: uploadEntities,
    migrations: uploadMigrations,
    name: 'provincial-upload',
    logger: logger.child({ component: 'typeorm' }),
  });
  await dataSource.initialize();
  const deliveries = new DeliveryRepository(dataSource);
  const status = new PlatformStatus();
  const adapter = createPlatformAdapter(config.platform);
  const images = createImageLinks(config.images);

  const messaging = await createMessagingTransport(config.messaging, {
    logger,
    openEventLog: openPostgresEventLog,
  });
  const consumer = createPassageRecordedConsumer(
    messaging,
    new PostgresProcessedEventStore(dataSource),
    new RecordPassageService(dataSource, deliveries, logger.child({ component: 'intake' })),
  );
  await messaging.ensureTopics(consumer.topics().map((name) => ({ name })));
  await consumer.start();

  const dispatcher = new DeliveryDispatcher(
    deliveries,
    adapter,
    status,
    images,
    // The lease outlives one request with its timeout, so a live sender never loses its claim.
    { ...config.delivery, leaseMs: config.platform.requestTimeoutMs * 3 + 5_000 },
    logger.child({ component: 'dispatcher' }),
  );
  dispatcher.start();
  const heartbeat = new HeartbeatService(
    adapter,
    deliveries,
    status,
    config.delivery.enterpriseCodes,
    config.delivery.heartbeatIntervalMs,
    logger.child({ component: 'heartbeat' }),
  );
  heartbeat.start();

  const observeBacklog = async (result: {
    observe(value: number, attributes?: Record<string, string>): void;
  }) => {
    for (const { enterpriseId, count } of await deliveries.backlogByEnterprise()) {
      result.observe(count, { enterprise: enterpriseId });
    }
  };
  const observeHalt = (result: { observe(value: number): void }) => result.observe(status.halted ? 1 : 0);
  uploadMetrics.backlog.addCallback(observeBacklog);
  uploadMetrics.configurationError.addCallback(observeHalt);

  const app = await createOperatorApp(
    {
      reports: new DeliveryReportService(dataSource, deliveries),
      rePush: new RePushService(dataSource),
      correct: new CorrectRecordService(dataSource),
      status,
      resume: new ResumeDeliveryService(dataSource, status),
      health: () => consumer.health(),
    },
    auth,
    logger,
  );
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  return {
    url,
    dataSource,
    dispatcher,
    status,
    ready: () => consumer.ready(),
    health: () => consumer.health(),
    async close() {
      heartbeat.stop();
      uploadMetrics.backlog.removeCallback(observeBacklog);
      uploadMetrics.configurationError.removeCallback(observeHalt);
      await app.close();
      await consumer.stop();
      await dispatcher.stop();
      await adapter.close();
      await dataSource.destroy();
      await messaging.close();
    },
  };
}
