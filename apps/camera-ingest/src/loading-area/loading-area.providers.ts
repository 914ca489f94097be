import { type Provider } from '@nestjs/common';
import { DataSource } from '@ecogate/persistence';
import { LoadingAreaCameraRepository } from './loading-area-camera.repository';
import { LOADING_AREA_SETTINGS, type LoadingAreaSettings } from './loading-area-settings';
import { LoadingAreaSnapshots } from './loading-area-snapshots';
import { LoadingAreaSupervisionService } from './loading-area-supervision.service';

/** Loading-area cameras' periodic frames, for the app module (it provides DataSource, storage, cipher, logger). */
export const loadingAreaProviders = (settings: LoadingAreaSettings): Provider[] => [
  { provide: LOADING_AREA_SETTINGS, useValue: settings },
  {
    provide: LoadingAreaCameraRepository,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new LoadingAreaCameraRepository(ds),
  },
  LoadingAreaSnapshots,
  LoadingAreaSupervisionService,
];
