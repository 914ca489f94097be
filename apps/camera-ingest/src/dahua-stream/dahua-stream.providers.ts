import { type Provider } from '@nestjs/common';
import { DataSource } from '@ecogate/persistence';
import { DahuaStreamDeviceRepository } from './dahua-stream-device.repository';
import { DAHUA_STREAM_SETTINGS, type DahuaStreamSettings } from './dahua-stream-settings';
import { DahuaStreamSupervisionService } from './dahua-stream-supervision.service';

/**
 * The Dahua event-stream pull source, for the app module (it provides DataSource, the cipher, the
 * push ingestion, the status publisher, push settings and logger).
 */
export const dahuaStreamProviders = (settings: DahuaStreamSettings): Provider[] => [
  { provide: DAHUA_STREAM_SETTINGS, useValue: settings },
  {
    provide: DahuaStreamDeviceRepository,
    inject: [DataSource],
    useFactory: (ds: DataSource) => new DahuaStreamDeviceRepository(ds),
  },
  DahuaStreamSupervisionService,
];
