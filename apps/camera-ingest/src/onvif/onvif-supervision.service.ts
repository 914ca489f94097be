import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { OnvifClient } from '@ecogate/onvif';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { CameraStatusPublisher } from '../camera-status/camera-status.publisher';
import { CredentialCipher } from '../registry/credential-cipher';
import { DeviceSupervision } from '../supervision/device-supervision';
import { OnvifCaptureService } from './onvif-capture.service';
import { type OnvifDevice, OnvifDeviceRepository } from './onvif-device.repository';
import { ONVIF_SETTINGS, type OnvifSettings } from './onvif-settings';
import { OnvifSupervisor } from './onvif-supervisor';

/** Logs in to a registered ONVIF camera with its decrypted credentials (only inside the allowed networks). */
export function connectOnvif(
  cipher: CredentialCipher,
  settings: Pick<OnvifSettings, 'requestTimeoutMs' | 'networks'>,
) {
  return (device: OnvifDevice): Promise<OnvifClient> => {
    const { username, password } = cipher.decrypt(device.id, device.credentialsEncrypted);
    return OnvifClient.connect({
      url: device.address,
      username,
      password,
      timeoutMs: settings.requestTimeoutMs,
      networks: settings.networks,
    });
  };
}

/**
 * One supervisor per enabled ONVIF camera in the registry; the registry is re-read periodically
 * so added, edited (new address or login) and removed cameras are picked up without a restart.
 */
@Injectable()
export class OnvifSupervisionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly supervision: DeviceSupervision<OnvifDevice, OnvifSupervisor>;
  private readonly logger: Logger;

  constructor(
    @Inject(OnvifDeviceRepository) devices: OnvifDeviceRepository,
    @Inject(CredentialCipher) private readonly cipher: CredentialCipher,
    @Inject(OnvifCaptureService) private readonly captures: OnvifCaptureService,
    @Inject(CameraStatusPublisher) private readonly status: CameraStatusPublisher,
    @Inject(ONVIF_SETTINGS) private readonly settings: OnvifSettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'onvif-supervision' });
    this.supervision = new DeviceSupervision({
      list: () => devices.listSupervised(),
      supervise: (device) => this.supervise(device),
      refreshMs: settings.deviceRefreshMs,
      logger: this.logger,
      listFailedMessage: 'could not read ONVIF devices from the registry',
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.enabled) this.supervision.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.supervision.stop();
  }

  private supervise(device: OnvifDevice): OnvifSupervisor {
    return new OnvifSupervisor(device, {
      settings: this.settings,
      connect: connectOnvif(this.cipher, this.settings),
      publishStatus: (change) =>
        this.status.publish({ enterpriseId: device.enterpriseId, cameraId: device.id }, change),
      capture: (client, trigger, notification, at) =>
        this.captures.capture(device, client, trigger, notification, at),
      logger: this.logger,
    });
  }
}
