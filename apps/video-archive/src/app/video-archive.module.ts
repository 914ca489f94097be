import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { DataSource } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { HealthController } from '../health/health.controller';
import { LegalHoldController } from '../legal-hold/legal-hold.controller';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { OutageFilingController } from '../outage/outage-filing.controller';
import { OutageFilingService } from '../outage/outage-filing.service';
import { OutageReportController } from '../outage/outage-report.controller';
import { OutageReportService } from '../outage/outage-report.service';
import { RecorderFleet } from '../recorder/recorder-fleet';
import { RetentionReportController } from '../retention/retention-report.controller';
import { RetentionReportService } from '../retention/retention-report.service';

/** Injection token of the service's `ObjectStorage` (MinIO or the filesystem, by configuration). */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export interface VideoArchiveDependencies {
  readonly dataSource: DataSource;
  readonly storage: ObjectStorage;
  readonly fleet: RecorderFleet;
  readonly filings: OutageFilingService;
  readonly legalHolds: LegalHoldService;
  readonly retentionReport: RetentionReportService;
}

/**
 * Further features (clips, playback) register their controllers and providers here; they may
 * inject the `DataSource` and the `OBJECT_STORAGE` of the service.
 */
export interface VideoArchiveExtension {
  readonly controllers?: readonly Type[];
  readonly providers?: readonly Provider[];
}

/** Services are built by the composition root and handed in: no reflection metadata is needed. */
@Module({})
export class VideoArchiveModule {
  static register(
    deps: VideoArchiveDependencies,
    extensions: readonly VideoArchiveExtension[] = [],
  ): DynamicModule {
    return {
      module: VideoArchiveModule,
      controllers: [
        HealthController,
        OutageFilingController,
        OutageReportController,
        LegalHoldController,
        RetentionReportController,
        ...extensions.flatMap((e) => e.controllers ?? []),
      ],
      providers: [
        { provide: DataSource, useValue: deps.dataSource },
        { provide: OBJECT_STORAGE, useValue: deps.storage },
        { provide: RecorderFleet, useValue: deps.fleet },
        { provide: OutageFilingService, useValue: deps.filings },
        {
          provide: OutageReportService,
          useFactory: (dataSource: DataSource) => new OutageReportService(dataSource),
          inject: [DataSource],
        },
        { provide: LegalHoldService, useValue: deps.legalHolds },
        { provide: RetentionReportService, useValue: deps.retentionReport },
        ...extensions.flatMap((e) => e.providers ?? []),
      ],
    };
  }
}
