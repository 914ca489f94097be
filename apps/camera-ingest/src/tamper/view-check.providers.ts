import { type Provider } from '@nestjs/common';
import { DataSource } from '@ecogate/persistence';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { CameraSnapshots } from './camera-snapshots';
import { ReferenceViewRepository } from './reference-view.repository';
import { ReferenceViewService } from './reference-view.service';
import { PooledViewAnalysis, VIEW_ANALYSIS } from './view-analysis';
import { VIEW_CHECK_SETTINGS, type ViewCheckServiceSettings } from './view-check-settings';
import { ViewCheckService } from './view-check.service';

/** One analysis takes well under a second; a worker still busy after this is taken as hung and replaced. */
const ANALYSIS_TIMEOUT_MS = 30_000;

/**
 * Reference views and the periodic view check, for the app module (it provides DataSource, the
 * capture store, the credential cipher, ONVIF settings, the status publisher, logger).
 */
export const viewCheckProviders = (settings: ViewCheckServiceSettings): Provider[] => [
  { provide: VIEW_CHECK_SETTINGS, useValue: settings },
  {
    provide: VIEW_ANALYSIS,
    inject: [LOGGER],
    useFactory: (logger: Logger) =>
      new PooledViewAnalysis({
        workers: settings.workers,
        // Each check asks for two analyses (assessment, fingerprint); room for every check of a run and a few reference takes.
        queueLimit: 2 * settings.concurrency + 8,
        jobTimeoutMs: ANALYSIS_TIMEOUT_MS,
        logger: logger.child({ component: 'view-analysis' }),
      }),
  },
  {
    provide: ReferenceViewRepository,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new ReferenceViewRepository(ds),
  },
  CameraSnapshots,
  ReferenceViewService,
  ViewCheckService,
];
