import { type Provider } from '@nestjs/common';
import { DataSource } from '@ecogate/persistence';
import { CameraSnapshots } from './camera-snapshots';
import { ReferenceViewRepository } from './reference-view.repository';
import { ReferenceViewService } from './reference-view.service';
import { cameraTamperAnalysis, VIEW_ANALYSIS } from './view-analysis';
import { VIEW_CHECK_SETTINGS, type ViewCheckServiceSettings } from './view-check-settings';
import { ViewCheckService } from './view-check.service';

/**
 * Reference views and the periodic view check, for the app module (it provides DataSource, the
 * capture store, the credential cipher, ONVIF settings, the status publisher, logger).
 */
export const viewCheckProviders = (settings: ViewCheckServiceSettings): Provider[] => [
  { provide: VIEW_CHECK_SETTINGS, useValue: settings },
  { provide: VIEW_ANALYSIS, useValue: cameraTamperAnalysis },
  {
    provide: ReferenceViewRepository,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new ReferenceViewRepository(ds),
  },
  CameraSnapshots,
  ReferenceViewService,
  ViewCheckService,
];
