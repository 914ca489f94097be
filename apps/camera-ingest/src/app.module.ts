import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { type ServiceToken } from '@ecogate/auth';
import { type TopicName } from '@ecogate/contracts';
import { MessagingModule } from '@ecogate/messaging';
import { createDataSource, DataSource, openPostgresEventLog } from '@ecogate/persistence';
import { createObjectStorage } from '@ecogate/storage';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { type CameraIngestConfig } from './config/camera-ingest.config';
import { cameraIngestDataSourceSettings } from './database/camera-ingest.data-source';
import { DISCOVERY_SETTINGS, OnvifDiscoveryService } from './onvif/onvif-discovery.service';
import { CameraStatusPublisher } from './camera-status/camera-status.publisher';
import { dahuaStreamProviders } from './dahua-stream/dahua-stream.providers';
import { loadingAreaProviders } from './loading-area/loading-area.providers';
import { onvifProviders } from './onvif/onvif.providers';
import { ANPR_PUSH_ADAPTERS } from './push/anpr-push.adapter';
import { BARRIER_DECISION, type BarrierDecisionPort } from './push/barrier-decision.port';
import { barrierDecisionOf } from './push/barrier-decision/barrier-decision.factory';
import { DahuaPushAdapter } from './push/dahua/dahua-push.adapter';
import { HikvisionPushAdapter } from './push/hikvision/hikvision-push.adapter';
import { CaptureStore, OBJECT_STORAGE } from './capture/capture-store';
import { IngestPushService } from './push/ingest-push.service';
import { LoadingAreaPushService } from './push/loading-area-push.service';
import { DEVICE_NETWORKS } from './registry/device-address-policy';
import { PushAuthService } from './push/push-auth.service';
import { PUSH_SETTINGS } from './push/push-settings';
import { VzenithPushAdapter } from './push/vzenith/vzenith-push.adapter';
import { PushReceiptRepository } from './receipts/push-receipt.repository';
import { CredentialCipher } from './registry/credential-cipher';
import { RegistryRepository } from './registry/registry.repository';
import { RegistryService } from './registry/registry.service';
import { viewCheckProviders } from './tamper/view-check.providers';

export interface AppOverrides {
  /** Replaces the decision chosen by configuration (`BARRIER_CONTROL_URL`, else nothing opens). */
  readonly barrierDecision?: BarrierDecisionPort;
  /** camera-ingest's own token for barrier-control (required with `BARRIER_CONTROL_URL`). */
  readonly serviceToken?: ServiceToken;
}

const PUBLISHES: readonly TopicName[] = [
  'anpr.plate.read.v1',
  'camera.snapshot.captured.v1',
  'camera.status.changed.v1',
  'loading-area.snapshot.captured.v1',
];

@Injectable()
class DataSourceLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Everything camera-ingest does, without HTTP: storage, the registry, push ingestion, ONVIF
 * supervision, Dahua event streams. Built once; the push and API listeners
 * (`http/*-http.module.ts`) take the services their controllers need from it, so neither listener
 * can reach the other's routes.
 */
@Module({})
export class AppModule {
  static register(config: CameraIngestConfig, logger: Logger, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The event bus the configuration names (Kafka or the embedded log, ADR 0008).
        MessagingModule.forRoot({
          settings: config.messaging,
          dependencies: {
            logger: logger.child({ component: 'messaging' }),
            openEventLog: openPostgresEventLog,
          },
          publishes: PUBLISHES,
        }),
      ],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: PUSH_SETTINGS, useValue: config.push },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(
              cameraIngestDataSourceSettings(config.database.url.reveal(), {
                logger: logger.child({ component: 'typeorm' }),
              }),
            );
            return dataSource.initialize();
          },
        },
        DataSourceLifecycle,
        {
          provide: OBJECT_STORAGE,
          useFactory: async () => {
            const storage = createObjectStorage(config.objectStorage);
            // Evidence: object lock from creation (it cannot be added later).
            await storage.ensureBucket(config.push.bucket, { objectLock: true });
            return storage;
          },
        },
        CaptureStore,
        {
          provide: CredentialCipher,
          useFactory: () => new CredentialCipher(Buffer.from(config.credentialsKey.reveal(), 'base64')),
        },
        {
          provide: RegistryRepository,
          inject: [DataSource],
          useFactory: (ds: DataSource) => new RegistryRepository(ds),
        },
        {
          provide: PushReceiptRepository,
          inject: [DataSource],
          useFactory: (ds: DataSource) => new PushReceiptRepository(ds),
        },
        {
          provide: BARRIER_DECISION,
          useValue: overrides.barrierDecision ?? barrierDecisionOf(config, logger, overrides.serviceToken),
        },
        HikvisionPushAdapter,
        VzenithPushAdapter,
        DahuaPushAdapter,
        {
          provide: ANPR_PUSH_ADAPTERS,
          inject: [HikvisionPushAdapter, VzenithPushAdapter, DahuaPushAdapter],
          useFactory: (...adapters: unknown[]) => adapters,
        },
        { provide: DEVICE_NETWORKS, useValue: config.deviceNetworks },
        RegistryService,
        PushAuthService,
        IngestPushService,
        LoadingAreaPushService,
        CameraStatusPublisher,
        ...onvifProviders(config.onvif),
        { provide: DISCOVERY_SETTINGS, useValue: config.discovery },
        OnvifDiscoveryService,
        ...dahuaStreamProviders(config.dahuaStream),
        ...viewCheckProviders(config.viewCheck),
        ...loadingAreaProviders(config.loadingArea),
      ],
    };
  }
}
