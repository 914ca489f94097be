import { type Provider } from '@nestjs/common';
import { DataSource } from '@ecogate/persistence';
import { OnvifCaptureService } from './onvif-capture.service';
import { OnvifDeviceRepository } from './onvif-device.repository';
import { OnvifErrorFilter } from './onvif-error.filter';
import { OnvifMediaService } from './onvif-media.service';
import { ONVIF_SETTINGS, type OnvifSettings } from './onvif-settings';
import { OnvifSupervisionService } from './onvif-supervision.service';

/**
 * Everything ONVIF in camera-ingest, for the app module (it provides DataSource, storage, cipher,
 * the status publisher, logger).
 */
export const onvifProviders = (settings: OnvifSettings): Provider[] => [
  { provide: ONVIF_SETTINGS, useValue: settings },
  {
    provide: OnvifDeviceRepository,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new OnvifDeviceRepository(ds),
  },
  OnvifCaptureService,
  OnvifSupervisionService,
  OnvifMediaService,
  OnvifErrorFilter,
];
