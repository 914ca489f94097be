import { TokenVerifier, type TokenVerifierOptions, usePolicy, POLICY, withPolicy } from '@ecogate/auth';
import { CodedErrorFilter, serveOpenApi } from '@ecogate/http-edge';
import { ledgerOpenApi } from './api/ledger.openapi';
import { type ChainConfig } from './chain/chain.config';
import { scheduleChainRoots } from './chain/chain-roots';
import { ChainVerificationService } from './chain/chain-verification.service';
import { LEDGER_ERROR_STATUS } from './errors/ledger.exception';
import { DEFAULT_EXPORT_CONFIG, type ExportConfig } from './export/export.config';
import { EXPORT_ERROR_STATUS } from './export/export.exception';
import { buildExports } from './export/build-exports';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import {
  connectKafkaTransport,
  createMessagingTransport,
  type EventConsumer,
  KafkaEventTransport,
  type OutageBackoff,
  type RetryPolicy,
} from '@ecogate/messaging';
import {
  createDataSource,
  type DataSource,
  openPostgresEventLog,
  OutboxRelay,
  PostgresProcessedEventStore,
} from '@ecogate/persistence';
import { createObjectStorage } from '@ecogate/storage';
import { correlationMiddleware, type Logger } from '@ecogate/telemetry';
import { AlertLevelService } from './alert-level/alert-level.service';
import { LedgerModule } from './api/ledger.module';
import { EmergencyPlanService } from './emergency-plan/emergency-plan.service';
import { CompletePassageService } from './complete-passage/complete-passage.service';
import { DeadLetterReplayService } from './dead-letters/dead-letter-replay.service';
import { type LedgerConfig } from './config/ledger.config';
import { InPlantVehicleService } from './in-plant/in-plant-vehicle.service';
import { MachineryService } from './machinery/machinery.service';
import { LEDGER_CONSUMER_GROUP } from './intake/barrier-decided.consumer';
import { ledgerEntities, ledgerMigrations } from './ledger.data-source';
import { PASSAGE_TOPIC, publishThrough } from './outbox/passage-outbox';
import { ensureUpcomingPartitions } from './partitions/passage-partitions';
import { QueryPassagesService } from './query-passages/query-passages.service';
import { RefusedAttemptsService } from './refused-attempts/refused-attempts.service';
import { RecordDecisionService } from './record-decision/record-decision.service';
import { scheduleLedgerMaintenance } from './retention/ledger-maintenance';
import { RetentionPolicyService } from './retention/retention-policy.service';
import { VehicleDocumentsService } from './vehicle-documents/vehicle-documents.service';
import { VehicleRegistryService } from './vehicle-registry/vehicle-registry.service';
import { ManualPassageService } from './manual-passage/manual-passage.service';
import { PassagePhotosService } from './photos/passage-photos.service';
import { ReviewItemsService } from './review/review-items.service';
import { StatisticsSummaryService } from './statistics/statistics-summary.service';
import { DistrictStatisticsService } from './statistics/district-statistics.service';
import { AlertViewService } from './alert-view/alert-view.service';
import { TamperEpisodesService } from './camera-status/tamper-episodes.service';
import { CAMERA_STATUS_TOPIC, CameraStatusService } from './camera-status/camera-status.service';
import { InspectionService } from './inspection/inspection.service';
import { buildEvidencePacks } from './evidence-pack/build-evidence-packs';
import { DEFAULT_EVIDENCE_PACK_CONFIG, type EvidencePackConfig } from './evidence-pack/evidence-pack.config';
import { DEFAULT_REPORT_FONT, type ReportConfig } from './inspection-report/report.config';
import { type VideoArchiveClient } from './video-archive/video-archive.client';
import { WindowScanFollower, type WindowScanSettings } from './inspection/window-scan-follower';
import { ViolationsService } from './violations/violations.service';
import { VIOLATION_TOPIC } from './violations/violation-detected.consumer';
import { ENTERPRISE_TOPIC, EnterpriseProfiles } from './enterprise-directory/enterprise-profiles';
import { type StageLookupConfig } from './stage-lookup/stage-lookup.config';
import { HttpStageLookup } from './stage-lookup/http-stage-lookup';
import { StageLookupCache } from './stage-lookup/stage-lookup-cache';
import { StageLookupFollower, type StageLookupSettings } from './stage-lookup/stage-lookup-follower';
import { StageLookupService } from './stage-lookup/stage-lookup.service';
import { type FollowerPacing } from './due-work/due-row-follower';
import { type DocumentReader } from './document-reads/document-reader.client';
import { DocumentReadFollower } from './document-reads/document-read-follower';
import { DocumentReadsService } from './document-reads/document-reads.service';
import { StageReviewService } from './stage-review/stage-review.service';
import { DEFAULT_GATE_ROW_SCAN } from './loading-areas/loading-areas.config';
import { GateRowScan, type GateRowScanSettings } from './loading-areas/gate-row-scan';
import { LoadingAreasService } from './loading-areas/loading-areas.service';
import { SIGHTING_TOPIC } from './loading-areas/loading-area-sighting.consumer';
import { ANOMALY_TOPIC } from './loading-areas/anomaly-store';
import { DEFAULT_KNOWN_PLATES, type KnownPlatesSettings } from './known-plates/known-plates.config';
import { KnownPlatesService } from './known-plates/known-plates.service';

export type LedgerServiceConfig = Pick<
  LedgerConfig,
  'database' | 'messaging' | 'http' | 'outbox' | 'intake' | 'retention' | 'documents'
> & {
  /** Whose tokens are trusted: the gateway's JWKS and the service keys (a `TestIssuer`'s in tests). */
  readonly verifier: TokenVerifierOptions;
  /** Tests shorten the back-off. */
  readonly retry?: RetryPolicy;
  readonly outageBackoff?: OutageBackoff;
  /** camera-ingest's bucket (`LEDGER_CAPTURES_BUCKET`), for tamper episodes' images; `ecogate-captures` when absent. */
  readonly captures?: { readonly bucket: string };
  /** The Excel export (`LEDGER_EXPORT_*`); its defaults when absent. */
  readonly exports?: ExportConfig;
  /** The hash chain's root signing (`LEDGER_CHAIN_*`); no roots signed when absent. */
  readonly chain?: ChainConfig;
  /** The video archive, for inspections (`VIDEO_ARCHIVE_URL`); absent: inspections have no video. */
  readonly videoArchive?: VideoArchiveClient;
  /** The inspection report's font (`LEDGER_REPORT_FONT_*`); Debian's Noto CJK when absent. */
  readonly reports?: ReportConfig;
  /** Evidence packs' wait for the video archive (`LEDGER_EVIDENCE_PACK_*`); its defaults when absent. */
  readonly evidencePacks?: EvidencePackConfig;
  /** How the window-scan follower paces its calls to the archive; its defaults when absent (tests shorten them). */
  readonly windowScans?: WindowScanSettings;
  /** The city's stage-lookup source (`LEDGER_STAGE_LOOKUP_*`); absent: the lookup is off. */
  readonly stageLookup?: StageLookupConfig;
  /** How the stage-lookup follower paces its passes; its defaults when absent (tests shorten them). */
  readonly stageLookups?: StageLookupSettings;
  /** Plate recognition's document readers (`PLATE_RECOGNITION_URL`); absent: reads stay queued, "not configured". */
  readonly documentReader?: DocumentReader;
  /** How the document-read follower paces itself; its defaults when absent (tests shorten them). */
  readonly documentReads?: FollowerPacing;
  /** The loading-area rules' timing (`LEDGER_LOADING_AREA_*`); its defaults when absent (tests shorten them). */
  readonly loadingAreas?: GateRowScanSettings;
  /** Which passages make a plate known at a site (`LEDGER_KNOWN_PLATES_DAYS`); its defaults when absent. */
  readonly knownPlates?: KnownPlatesSettings;
};

export interface LedgerService {
  readonly url: string;
  readonly dataSource: DataSource;
  /** Resolves once the intake consumer sees what is published from now on (on either transport). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root: database, partition maintenance and retention, document storage, outbox relay, intake
 * consumer (a Nest microservice on our transport) and the REST API. Used by `main.ts` and the integration test. Migrations are not run
 * here (deploy step). The event bus and the document store are those the configuration names (ADR 0008):
 * Kafka and MinIO in the cluster profile, the Postgres-backed log and the filesystem embedded.
 */
export async function startLedgerService(
  config: LedgerServiceConfig,
  logger: Logger,
): Promise<LedgerService> {
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: ledgerEntities,
    migrations: ledgerMigrations,
    name: 'ledger',
    logger: logger.child({ component: 'typeorm' }),
  });
  await dataSource.initialize();
  // Inserts must find their month's partition; later months come from the periodic job.
  await ensureUpcomingPartitions(dataSource.manager, new Date(), config.retention.partitionsAhead);
  const maintenance = scheduleLedgerMaintenance(
    dataSource,
    config.retention,
    logger.child({ component: 'maintenance' }),
  );

  const chainRoots = config.chain?.signer
    ? scheduleChainRoots(
        dataSource,
        config.chain.signer,
        config.chain.rootsIntervalMs,
        logger.child({ component: 'chain-roots' }),
      )
    : undefined;
  if (!config.chain?.signer) logger.warn('LEDGER_CHAIN_SIGNING_KEY_FILE not set: no chain roots are signed');

  const storage = createObjectStorage(config.documents.objectStorage, {
    maxPresignedTtlSeconds: config.documents.urlTtlSeconds,
  });
  await storage.ensureBucket(config.documents.bucket);
  const exports = await buildExports(
    dataSource,
    config.documents.objectStorage,
    config.exports ?? DEFAULT_EXPORT_CONFIG,
    logger,
    config.chain?.signer?.publicKeyPem,
  );

  const inspections = new InspectionService(
    dataSource,
    config.videoArchive,
    config.chain?.signer?.publicKeyPem,
  );
  const evidencePacks = buildEvidencePacks({
    dataSource,
    inspections,
    photoStorage: storage,
    exports: {
      storage: exports.storage,
      bucketReady: exports.bucketReady,
      config: config.exports ?? DEFAULT_EXPORT_CONFIG,
    },
    signer: config.chain?.signer,
    videoArchive: config.videoArchive,
    report: config.reports ?? { font: DEFAULT_REPORT_FONT },
    packs: config.evidencePacks ?? DEFAULT_EVIDENCE_PACK_CONFIG,
    retentionFloorDays: config.retention.floors.ledgerDays,
    logger,
  });

  const messaging = await createMessagingTransport(config.messaging, {
    logger,
    openEventLog: openPostgresEventLog,
  });
  const deadLetters = messaging.deadLetters(LEDGER_CONSUMER_GROUP);
  // The group's dead-letter, replay and replay-audit topics too (`deadLetters.topics()`): the intake
  // subscribes to `ledger.replay.v1`, where the replay API (as the ledger's own principal) publishes.
  await messaging.ensureTopics([
    ...[
      'gate.barrier.decided.v1',
      ENTERPRISE_TOPIC,
      PASSAGE_TOPIC,
      VIOLATION_TOPIC,
      CAMERA_STATUS_TOPIC,
      SIGHTING_TOPIC,
      ANOMALY_TOPIC,
    ].map((topic) => ({
      name: messaging.physicalTopic(topic),
    })),
    ...deadLetters.topics().map((name) => ({ name })),
  ]);
  const publisher = messaging.createPublisher();
  await publisher.connect();
  const relay = new OutboxRelay(dataSource, publishThrough(publisher), {
    pollIntervalMs: config.outbox.pollIntervalMs,
    logger: logger.child({ component: 'outbox-relay' }),
  });
  relay.start();

  let consumer: EventConsumer | undefined;
  const enterpriseProfiles = new EnterpriseProfiles(dataSource, logger.child({ component: 'directory' }));
  const vehicles = new VehicleRegistryService(dataSource);
  const app = await NestFactory.create<NestExpressApplication>(
    LedgerModule.register({
      recordDecision: new RecordDecisionService(
        dataSource,
        logger.child({ component: 'intake' }),
        config.intake.clockDrift,
      ),
      passages: new QueryPassagesService(dataSource),
      complete: new CompletePassageService(dataSource),
      vehicles,
      alerts: new AlertLevelService(dataSource),
      emergencyPlans: new EmergencyPlanService(dataSource),
      retentionPolicies: new RetentionPolicyService(
        dataSource,
        config.retention.floors,
        config.retention.defaultLedgerDays,
      ),
      documents: new VehicleDocumentsService(dataSource, storage, config.documents),
      documentMaxBytes: config.documents.maxBytes,
      inPlantVehicles: new InPlantVehicleService(dataSource),
      machinery: new MachineryService(dataSource),
      deadLetters: new DeadLetterReplayService(
        deadLetters,
        dataSource,
        logger.child({ component: 'dead-letters' }),
        () => consumer?.health(),
      ),
      // Photo links live as long as document links (LEDGER_DOCUMENT_URL_TTL_S).
      photos: new PassagePhotosService(dataSource, storage, config.documents.urlTtlSeconds),
      reviews: new ReviewItemsService(dataSource),
      manualPassages: new ManualPassageService(dataSource, {
        retentionFloorDays: config.retention.floors.ledgerDays,
        maxFutureMs: config.intake.clockDrift.maxFutureMs,
      }),
      statistics: new StatisticsSummaryService(dataSource, enterpriseProfiles),
      enterpriseProfiles,
      districtStatistics: new DistrictStatisticsService(dataSource),
      alertView: new AlertViewService(dataSource),
      cameraStatus: new CameraStatusService(dataSource, logger.child({ component: 'camera-status' })),
      tamperEpisodes: new TamperEpisodesService(
        dataSource,
        storage,
        config.captures?.bucket ?? 'ecogate-captures',
        config.documents.urlTtlSeconds,
      ),
      exports: exports.service,
      refusedAttempts: new RefusedAttemptsService(dataSource),
      inspections,
      violations: new ViolationsService(dataSource),
      loadingAreas: new LoadingAreasService(dataSource),
      reports: evidencePacks.reports,
      evidencePacks: evidencePacks.service,
      chain: new ChainVerificationService(dataSource, config.chain?.signer, {
        retentionFloorDays: config.retention.floors.ledgerDays,
      }),
      stageLookups: new StageLookupService(dataSource, config.stageLookup !== undefined),
      documentReads: new DocumentReadsService(dataSource, config.documentReader !== undefined),
      stageReviews: new StageReviewService(dataSource),
      knownPlates: new KnownPlatesService(dataSource, config.knownPlates ?? DEFAULT_KNOWN_PLATES),
    }),
    // Throw a failed start to the caller (runService logs it; a test sees it) instead of Nest exiting the process.
    { logger: false, abortOnError: false },
  );
  const transport = new KafkaEventTransport((options) => (consumer = messaging.createConsumer(options)), {
    groupId: LEDGER_CONSUMER_GROUP,
    processedEvents: new PostgresProcessedEventStore(dataSource),
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.outageBackoff ? { outageBackoff: config.outageBackoff } : {}),
    partitionsConsumedConcurrently: config.intake.partitionsConsumedConcurrently,
  });
  // Not `connectMicroservice` + `useGlobalFilters`: that filter was ignored, and every intake
  // error reached the consumer as `{status:'error'}` ("[object Object]"), dead-lettered after 5 tries.
  connectKafkaTransport(app, transport);
  app.use(correlationMiddleware);
  serveOpenApi(app, withPolicy(ledgerOpenApi, POLICY['ledger']));
  app.useGlobalFilters(
    new CodedErrorFilter(logger.child({ component: 'ledger-api' }), {
      ...LEDGER_ERROR_STATUS,
      ...EXPORT_ERROR_STATUS,
    }),
  );
  // Every route by the policy table: a caller is who their verified token says, nothing else.
  usePolicy(app, 'ledger', new TokenVerifier(config.verifier), logger);
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  exports.worker.start();
  evidencePacks.worker.start();
  // Each sampled video window scanned by the archive; without one, windows say there is no video.
  const windowScans = config.videoArchive
    ? new WindowScanFollower(
        dataSource,
        config.videoArchive,
        logger.child({ component: 'window-scans' }),
        config.windowScans,
      )
    : undefined;
  windowScans?.start();
  if (!config.videoArchive) logger.warn('VIDEO_ARCHIVE_URL not set: inspection windows are not scanned');
  // Vehicles' stages asked of the city's source, in the background: no barrier decision waits on it.
  const stageLookups = config.stageLookup
    ? new StageLookupFollower(
        dataSource,
        new HttpStageLookup(config.stageLookup),
        new StageLookupCache(dataSource, config.stageLookup),
        vehicles,
        logger.child({ component: 'stage-lookup' }),
        config.stageLookups,
      )
    : undefined;
  stageLookups?.start();
  if (!config.stageLookup) logger.warn('LEDGER_STAGE_LOOKUP_URL not set: the stage lookup is off');
  // Each stored 随车清单 / 行驶证 photo read by plate recognition; without it, reads wait, saying so.
  const documentReads = config.documentReader
    ? new DocumentReadFollower(
        dataSource,
        storage,
        config.documentReader,
        logger.child({ component: 'document-reads' }),
        config.documentReads,
      )
    : undefined;
  documentReads?.start();
  // Overdue entries and lone exits judged against the loading-area rules (sightings are judged as they come).
  const gateRowScan = new GateRowScan(
    dataSource,
    config.loadingAreas ?? DEFAULT_GATE_ROW_SCAN,
    logger.child({ component: 'loading-area-scan' }),
  );
  gateRowScan.start();
  if (!config.documentReader) logger.warn('PLATE_RECOGNITION_URL not set: vehicle documents are not read');

  return {
    url,
    dataSource,
    ready: () => {
      if (!consumer) throw new Error('consumer not started');
      return consumer.ready();
    },
    async close() {
      await app.close();
      await windowScans?.stop();
      await stageLookups?.stop();
      await documentReads?.stop();
      await gateRowScan.stop();
      await exports.worker.stop();
      await evidencePacks.worker.stop();
      await maintenance.stop();
      await chainRoots?.stop();
      await relay.stop();
      await publisher.disconnect();
      await dataSource.destroy();
      await messaging.close();
    },
  };
}
