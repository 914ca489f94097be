import { Inject, Injectable } from '@nestjs/common';
import { connectOnvif } from '../onvif/onvif-supervision.service';
import { ONVIF_SETTINGS, type OnvifSettings } from '../onvif/onvif-settings';
import { CredentialCipher } from '../registry/credential-cipher';
import { type CheckableCamera } from './reference-view.repository';

/** The snapshot JPEGs of a camera are at most this large (as the ONVIF trigger snapshots). */
const MAX_SNAPSHOT_BYTES = 5 * 1024 * 1024;

/**
 * The camera's current picture, asked live (ONVIF `GetSnapshotUri` and a digest-authenticated GET,
 * inside the allowed networks, same host only). Failures are `OnvifError`s.
 */
@Injectable()
export class CameraSnapshots {
  private readonly connect: ReturnType<typeof connectOnvif>;

  constructor(
    @Inject(CredentialCipher) cipher: CredentialCipher,
    @Inject(ONVIF_SETTINGS) settings: OnvifSettings,
  ) {
    this.connect = connectOnvif(cipher, settings);
  }

  async take(camera: CheckableCamera): Promise<Buffer> {
    const client = await this.connect(camera);
    return client.snapshot({ maxBytes: MAX_SNAPSHOT_BYTES });
  }
}
