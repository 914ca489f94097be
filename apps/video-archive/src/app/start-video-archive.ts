import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { createVerifier, type TokenVerifierOptions, usePolicy, POLICY, withPolicy } from '@ecogate/auth';
import { CodedErrorFilter, serveOpenApi } from '@ecogate/http-edge';
import { createMessagingTransport, type EventConsumer, type MessagingTransport } from '@ecogate/messaging';
import {
  createDataSource,
  type DataSource,
  openPostgresEventLog,
  OutboxRelay,
  publishEnvelopesThrough,
} from '@ecogate/persistence';
import { createObjectStorage, type ObjectStorage, type RetentionMode } from '@ecogate/storage';
import { correlationMiddleware, type Logger } from '@ecogate/telemetry';
import { type VideoArchiveConfig } from '../config/video-archive.config';
import { ARCHIVE_ERROR_STATUS } from '../http/archive.exception';
import { videoArchiveOpenApi } from '../http/video-archive.openapi';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { OUTAGE_TOPIC, OutageDetector } from '../outage/outage-detector';
import { OutageFilingService } from '../outage/outage-filing.service';
import { OutageScheduler } from '../outage/outage-scheduler';
import { CameraRecorder, type CameraSettings } from '../recorder/camera-recorder';
import { RecorderFleet } from '../recorder/recorder-fleet';
import { startExpirySweep } from '../retention/expiry-sweep';
import { RetentionReportService } from '../retention/retention-report.service';
import { setUpVideoBucket } from '../retention/video-bucket';
import { VideoSegmentRepository } from '../segment/video-segment.repository';
import { videoEntities, videoMigrations } from '../video-archive.data-source';
import { type VideoArchiveExtension, VideoArchiveModule } from './video-archive.module';

export type VideoArchiveServiceConfig = Pick<
  VideoArchiveConfig,
  'database' | 'messaging' | 'objectStorage' | 'http' | 'recorder' | 'retention' | 'outages' | 'outbox'
> & { readonly followCameraStatus: boolean };

export interface VideoArchiveOptions {
  /** How callers' bearer tokens are verified (`verifierOptions(config.auth)`; a test's `TestIssuer`). */
  readonly verifier: TokenVerifierOptions;
  /** Clips, playback…: controllers and providers added to the HTTP app. */
  readonly extensions?: readonly VideoArchiveExtension[];
  /** Their error codes → HTTP status, merged with the archive's. */
  readonly errorStatus?: Readonly<Record<string, number>>;
}

export interface VideoArchiveService {
  readonly url: string;
  readonly dataSource: DataSource;
  /** The service's bus (Kafka or the embedded log, by configuration): the clip pipeline shares it. */
  readonly transport: MessagingTransport;
  /** The service's object store (MinIO or the filesystem, by configuration). */
  readonly storage: ObjectStorage;
  readonly fleet: RecorderFleet;
  readonly outages: OutageScheduler;
  /** Resolves once the camera-status consumer has its partitions (immediately when not following). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Prefix of the camera-status reader's group: one group per process, so every recorder shard sees
 * every status change of its own cameras (a shared group would split them among the shards).
 */
export const CAMERA_STATUS_GROUP_PREFIX = 'video-archive-camera-status-';

const LOCK_MODE: Record<'governance' | 'compliance', RetentionMode> = {
  governance: 'GOVERNANCE',
  compliance: 'COMPLIANCE',
};

/**
 * The composition root: database, bucket retention per enterprise, one recorder per camera, the
 * outage scan with its outbox relay, the camera-status consumer and the HTTP API. Used by
 * `main.ts` and the integration test. Migrations are a deploy step (`main.ts --migrate`).
 */
export async function startVideoArchive(
  config: VideoArchiveServiceConfig,
  cameras: readonly CameraSettings[],
  logger: Logger,
  options: VideoArchiveOptions,
): Promise<VideoArchiveService> {
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: videoEntities,
    migrations: videoMigrations,
    name: 'video-archive',
    logger: logger.child({ component: 'typeorm' }),
  });
  await dataSource.initialize();

  const storage = createObjectStorage(config.objectStorage);
  const lock = config.retention.objectLock === 'off' ? undefined : LOCK_MODE[config.retention.objectLock];
  const enterprises = [...new Set(cameras.map((camera) => camera.enterpriseId))];
  for (const enterpriseId of enterprises) {
    await setUpVideoBucket(storage, {
      bucket: config.recorder.bucket,
      enterpriseId,
      videoDays: config.retention.videoDays,
      objectLock: lock !== undefined,
      ...(lock ? { lockMode: lock } : {}),
    });
  }

  const transport = await createMessagingTransport(config.messaging, {
    logger,
    openEventLog: openPostgresEventLog,
  });
  await transport.ensureTopics(
    [OUTAGE_TOPIC, 'camera.status.changed.v1'].map((topic) => ({
      name: transport.physicalTopic(topic),
    })),
  );
  const publisher = transport.createPublisher();
  await publisher.connect();
  // The outbox stores whole envelopes: each is sent unchanged, in order.
  const relay = new OutboxRelay(dataSource, publishEnvelopesThrough(publisher), {
    pollIntervalMs: config.outbox.pollIntervalMs,
    logger: logger.child({ component: 'outbox-relay' }),
  });
  relay.start();

  const segments = new VideoSegmentRepository(dataSource);
  const recorderSettings = {
    ...config.recorder,
    ...(lock ? { objectRetention: { mode: lock, days: config.retention.videoDays } } : {}),
  };
  const fleet = new RecorderFleet(
    cameras.map(
      (camera) =>
        new CameraRecorder(
          camera,
          recorderSettings,
          storage,
          segments,
          logger.child({ component: 'recorder' }),
        ),
    ),
  );
  await fleet.start();

  const detector = new OutageDetector(dataSource, config.outages, logger.child({ component: 'outages' }));
  const outages = new OutageScheduler(detector, () => enterprises, config.outages.scanMs, logger);
  outages.start();
  // MinIO expires by its lifecycle rules; the filesystem store needs them applied (undefined on MinIO).
  const expiry = startExpirySweep(storage, config.recorder.bucket, logger.child({ component: 'expiry' }));

  let consumer: EventConsumer | undefined;
  if (config.followCameraStatus) {
    consumer = transport.createConsumer({
      groupId: `${CAMERA_STATUS_GROUP_PREFIX}${randomBytes(6).toString('hex')}`,
      // Only the current state matters: at start every recorder runs, and what changes from then on
      // is followed; nothing to replay or dead-letter (a status it cannot handle is logged and skipped).
      ephemeral: true,
      fromBeginning: false,
      handlers: {
        'camera.status.changed.v1': async (event) => {
          const known = await fleet.onCameraStatus(
            event.enterpriseId,
            event.payload.cameraId,
            event.payload.status,
          );
          if (known) {
            logger.info(
              { camera: event.payload.cameraId, status: event.payload.status },
              'camera status followed',
            );
          }
        },
      },
    });
    await consumer.start();
  }

  const app = await NestFactory.create<NestExpressApplication>(
    VideoArchiveModule.register(
      {
        dataSource,
        storage,
        fleet,
        filings: new OutageFilingService(dataSource, config.outages),
        legalHolds: new LegalHoldService(dataSource, storage, logger.child({ component: 'legal-hold' })),
        retentionReport: new RetentionReportService(dataSource, {
          retentionDays: config.retention.videoDays,
          minGapSeconds: config.outages.minGapSeconds,
        }),
      },
      options.extensions,
    ),
    // Throw a failed start to the caller (runService logs it; a test sees it) instead of Nest exiting the process.
    { logger: false, abortOnError: false },
  );
  app.use(correlationMiddleware);
  // Every route's caller is checked against POLICY['video-archive'] before its handler runs.
  usePolicy(app, 'video-archive', createVerifier(options.verifier), logger);
  serveOpenApi(app, withPolicy(videoArchiveOpenApi, POLICY['video-archive']));
  app.useGlobalFilters(
    new CodedErrorFilter(logger.child({ component: 'video-archive-api' }), {
      ...ARCHIVE_ERROR_STATUS,
      ...options.errorStatus,
    }),
  );
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  return {
    url,
    dataSource,
    transport,
    storage,
    fleet,
    outages,
    ready: () => consumer?.ready() ?? Promise.resolve(),
    async close() {
      await app.close();
      await consumer?.stop();
      await outages.stop();
      await fleet.stop();
      await relay.stop();
      await publisher.disconnect();
      await expiry?.stop();
      await dataSource.destroy();
      await transport.close();
    },
  };
}
