import { Inject, Injectable } from '@nestjs/common';
import { type MediaProfile } from '@ecogate/onvif';
import { type EnterpriseId } from '@ecogate/persistence';
import { IngestException } from '../push/ingest.exception';
import { CredentialCipher } from '../registry/credential-cipher';
import { OnvifDeviceRepository } from './onvif-device.repository';
import { ONVIF_SETTINGS, type OnvifSettings } from './onvif-settings';
import { connectOnvif } from './onvif-supervision.service';

export interface DeviceMedia {
  readonly deviceId: string;
  readonly profiles: readonly (MediaProfile & { readonly streamUri: string; readonly snapshotUri: string })[];
}

/** Asks a camera, live, for its media profiles and their RTSP / snapshot URIs (for recorders). */
@Injectable()
export class OnvifMediaService {
  constructor(
    @Inject(OnvifDeviceRepository) private readonly devices: OnvifDeviceRepository,
    @Inject(CredentialCipher) private readonly cipher: CredentialCipher,
    @Inject(ONVIF_SETTINGS) private readonly settings: OnvifSettings,
  ) {}

  async media(enterpriseId: EnterpriseId, deviceId: string): Promise<DeviceMedia> {
    const device = await this.devices.findOne(enterpriseId, deviceId);
    if (!device) {
      throw new IngestException('not-found', `no ONVIF device ${deviceId} with an address and credentials`);
    }
    const client = await connectOnvif(this.cipher, this.settings)(device);
    const profiles = [];
    for (const profile of await client.profiles()) {
      profiles.push({
        ...profile,
        streamUri: await client.streamUri(profile.token),
        snapshotUri: await client.snapshotUri(profile.token),
      });
    }
    return { deviceId, profiles };
  }
}
