import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { connectOnvif } from '../onvif/onvif-supervision.service';
import { CredentialCipher } from '../registry/credential-cipher';
import { DeviceSupervision } from '../supervision/device-supervision';
import { type LoadingAreaCamera, LoadingAreaCameraRepository } from './loading-area-camera.repository';
import { LOADING_AREA_SETTINGS, type LoadingAreaSettings } from './loading-area-settings';
import { LoadingAreaSnapshotLoop } from './loading-area-snapshot-loop';
import { LoadingAreaSnapshots } from './loading-area-snapshots';

/**
 * One snapshot loop per enabled ONVIF loading-area camera in the registry, re-read periodically so
 * added, edited and removed cameras are picked up without a restart.
 */
@Injectable()
export class LoadingAreaSupervisionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly supervision: DeviceSupervision<LoadingAreaCamera, LoadingAreaSnapshotLoop>;

  constructor(
    @Inject(LoadingAreaCameraRepository) cameras: LoadingAreaCameraRepository,
    @Inject(CredentialCipher) cipher: CredentialCipher,
    @Inject(LoadingAreaSnapshots) snapshots: LoadingAreaSnapshots,
    @Inject(LOADING_AREA_SETTINGS) private readonly settings: LoadingAreaSettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    const log = logger.child({ component: 'loading-area-snapshots' });
    const connect = connectOnvif(cipher, settings);
    this.supervision = new DeviceSupervision({
      list: () => cameras.listEnabled(),
      supervise: (camera) =>
        new LoadingAreaSnapshotLoop(camera, {
          periodMs: settings.snapshotPeriodMs,
          connect,
          publish: (device, bytes, frameKey, at) =>
            snapshots.publish(device, bytes, 'schedule', frameKey, at),
          logger: log,
        }),
      refreshMs: settings.deviceRefreshMs,
      logger: log,
      listFailedMessage: 'could not read loading-area cameras from the registry',
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.enabled) this.supervision.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.supervision.stop();
  }
}
