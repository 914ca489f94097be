import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { OnvifClient } from '@ecogate/onvif';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { CameraStatusPublisher } from '../camera-status/camera-status.publisher';
import { CredentialCipher } from '../registry/credential-cipher';
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
  private readonly supervisors = new Map<string, { version: string; supervisor: OnvifSupervisor }>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private readonly logger: Logger;

  constructor(
    @Inject(OnvifDeviceRepository) private readonly devices: OnvifDeviceRepository,
    @Inject(CredentialCipher) private readonly cipher: CredentialCipher,
    @Inject(OnvifCaptureService) private readonly captures: OnvifCaptureService,
    @Inject(CameraStatusPublisher) private readonly status: CameraStatusPublisher,
    @Inject(ONVIF_SETTINGS) private readonly settings: OnvifSettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'onvif-supervision' });
  }

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    this.refreshing = this.refresh();
    this.timer = setInterval(() => {
      this.refreshing = this.refreshing.then(() => this.refresh());
    }, this.settings.deviceRefreshMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.supervisors.values()].map(({ supervisor }) => supervisor.stop()));
    this.supervisors.clear();
  }

  /** Starts, restarts and stops supervisors to match the registry. */
  async refresh(): Promise<void> {
    let devices: OnvifDevice[];
    try {
      devices = await this.devices.listSupervised();
    } catch (error) {
      this.logger.error({ err: error }, 'could not read ONVIF devices from the registry');
      return;
    }
    const wanted = new Map(devices.map((device) => [device.id, device]));
    for (const [id, running] of this.supervisors) {
      if (wanted.get(id)?.version === running.version) continue;
      this.supervisors.delete(id);
      await running.supervisor.stop();
    }
    for (const device of devices) {
      if (this.supervisors.has(device.id)) continue;
      const supervisor = this.supervise(device);
      this.supervisors.set(device.id, { version: device.version, supervisor });
      supervisor.start();
    }
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
