import { DataSource } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { OBJECT_STORAGE, type VideoArchiveExtension } from '../app/video-archive.module';
import { SegmentWindowRepository } from '../clips/segment-window.repository';
import { RecorderFleet } from '../recorder/recorder-fleet';
import { WindowScanController } from './window-scan.controller';
import { WindowScanRepository } from './window-scan.repository';
import { WindowScanService, type WindowScanSettings } from './window-scan.service';

/**
 * The window-scan API as an extension of the service's HTTP app (its DataSource, object storage
 * and recorder fleet, whose cameras of an enterprise are scanned by default).
 */
export function windowScanExtension(settings: WindowScanSettings): VideoArchiveExtension {
  return {
    controllers: [WindowScanController],
    providers: [
      {
        provide: WindowScanService,
        useFactory: (dataSource: DataSource, storage: ObjectStorage, fleet: RecorderFleet) =>
          new WindowScanService(
            new WindowScanRepository(dataSource),
            new SegmentWindowRepository(dataSource),
            (enterpriseId) =>
              fleet
                .statuses()
                .filter((status) => status.enterpriseId === enterpriseId)
                .map((status) => status.cameraId),
            storage,
            settings,
          ),
        inject: [DataSource, OBJECT_STORAGE, RecorderFleet],
      },
    ],
  };
}
