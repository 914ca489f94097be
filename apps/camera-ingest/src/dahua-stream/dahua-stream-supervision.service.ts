import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { type HealthState } from '../camera-status/camera-health';
import { CameraStatusPublisher } from '../camera-status/camera-status.publisher';
import { IngestPushService } from '../push/ingest-push.service';
import { PUSH_SETTINGS, type PushSettings } from '../push/push-settings';
import { CredentialCipher, type DeviceCredentials } from '../registry/credential-cipher';
import { DeviceSupervision } from '../supervision/device-supervision';
import { attachDahuaEventStream, DahuaStreamError } from './dahua-attach';
import { type DahuaStreamDevice, DahuaStreamDeviceRepository } from './dahua-stream-device.repository';
import { DAHUA_STREAM_SETTINGS, type DahuaStreamSettings } from './dahua-stream-settings';
import { DahuaStreamSupervisor } from './dahua-stream-supervisor';

/**
 * One attached event stream per Dahua ANPR camera registered with event source `event-stream`; the
 * registry is re-read periodically so added, edited (address, login, lane) and removed cameras are
 * picked up without a restart.
 */
@Injectable()
export class DahuaStreamSupervisionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly supervision: DeviceSupervision<DahuaStreamDevice, DahuaStreamSupervisor>;
  private readonly logger: Logger;

  constructor(
    @Inject(DahuaStreamDeviceRepository)
    devices: Pick<DahuaStreamDeviceRepository, 'listStreaming'>,
    @Inject(CredentialCipher) private readonly cipher: CredentialCipher,
    @Inject(IngestPushService) private readonly ingest: Pick<IngestPushService, 'ingest'>,
    @Inject(CameraStatusPublisher) private readonly status: Pick<CameraStatusPublisher, 'publish'>,
    @Inject(DAHUA_STREAM_SETTINGS) private readonly settings: DahuaStreamSettings,
    @Inject(PUSH_SETTINGS) private readonly push: Pick<PushSettings, 'maxImageBytes' | 'maxTextBytes'>,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'dahua-event-stream' });
    this.supervision = new DeviceSupervision({
      list: () => devices.listStreaming(),
      // An edited camera keeps its health, so a corrected login reads `recovered`, not a first `online`.
      supervise: (device, replaced) => this.supervise(device, replaced?.lastHealth),
      refreshMs: settings.deviceRefreshMs,
      logger: this.logger,
      listFailedMessage: 'could not read Dahua event-stream cameras from the registry',
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.enabled) this.supervision.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.supervision.stop();
  }

  /** Cameras whose stream is kept open now. */
  get streaming(): readonly string[] {
    return this.supervision.deviceIds;
  }

  private supervise(device: DahuaStreamDevice, health: HealthState | undefined): DahuaStreamSupervisor {
    const { settings } = this;
    return new DahuaStreamSupervisor(
      device,
      {
        settings,
        limits: { maxImageBytes: this.push.maxImageBytes, maxTextBytes: this.push.maxTextBytes },
        attach: (signal) => {
          // Decrypted for each attach only; the login never sits in the supervisor.
          const { username, password } = this.login(device);
          return attachDahuaEventStream(
            {
              address: device.address,
              username,
              password,
              heartbeatSeconds: settings.heartbeatSeconds,
              timeoutMs: settings.connectTimeoutMs,
              networks: settings.networks,
            },
            signal,
          );
        },
        ingest: (push) => this.ingest.ingest(device, push),
        publishStatus: (change) =>
          this.status.publish({ enterpriseId: device.enterpriseId, cameraId: device.id }, change),
        logger: this.logger,
      },
      health,
    );
  }

  private login(device: DahuaStreamDevice): DeviceCredentials {
    try {
      return this.cipher.decrypt(device.id, device.credentialsEncrypted);
    } catch (error) {
      throw new DahuaStreamError(
        'unauthorised',
        'the stored login cannot be decrypted (was DEVICE_CREDENTIALS_KEY changed?)',
        { cause: error },
      );
    }
  }
}
