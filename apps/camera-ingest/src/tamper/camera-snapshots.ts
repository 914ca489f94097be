import { Inject, Injectable } from '@nestjs/common';
import { type OnvifClient } from '@ecogate/onvif';
import { connectOnvif } from '../onvif/onvif-supervision.service';
import { ONVIF_SETTINGS, type OnvifSettings } from '../onvif/onvif-settings';
import { CredentialCipher } from '../registry/credential-cipher';
import { type CheckableCamera } from './reference-view.repository';

/** The snapshot JPEGs of a camera are at most this large (as the ONVIF trigger snapshots). */
const MAX_SNAPSHOT_BYTES = 5 * 1024 * 1024;

/**
 * The camera's current picture, asked live (ONVIF `GetSnapshotUri` and a digest-authenticated GET,
 * inside the allowed networks, same host only). Failures are `OnvifError`s. The session is kept per
 * camera between snapshots (a login is several requests), until the row changes or a snapshot fails.
 */
@Injectable()
export class CameraSnapshots {
  private readonly connect: ReturnType<typeof connectOnvif>;
  private readonly sessions = new Map<
    string,
    { readonly version: string; readonly client: Promise<OnvifClient> }
  >();

  constructor(
    @Inject(CredentialCipher) cipher: CredentialCipher,
    @Inject(ONVIF_SETTINGS) settings: OnvifSettings,
  ) {
    this.connect = connectOnvif(cipher, settings);
  }

  /** Drops the sessions of cameras no longer checked (`enterprise/camera` keys). */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.sessions.keys()) if (!keys.has(key)) this.sessions.delete(key);
  }

  async take(camera: CheckableCamera): Promise<Buffer> {
    const key = `${camera.enterpriseId}/${camera.id}`;
    let session = this.sessions.get(key);
    if (session?.version !== camera.version) {
      session = { version: camera.version, client: this.connect(camera) };
      this.sessions.set(key, session);
    }
    try {
      return await (await session.client).snapshot({ maxBytes: MAX_SNAPSHOT_BYTES });
    } catch (error) {
      // Logged in afresh next time: the camera may have rebooted, or its login changed.
      if (this.sessions.get(key) === session) this.sessions.delete(key);
      throw error;
    }
  }
}
