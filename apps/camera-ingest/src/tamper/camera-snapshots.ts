import { Inject, Injectable } from '@nestjs/common';
import { type OnvifClient } from '@ecogate/onvif';
import { connectOnvif } from '../onvif/onvif-supervision.service';
import { ONVIF_SETTINGS, type OnvifSettings } from '../onvif/onvif-settings';
import { CredentialCipher } from '../registry/credential-cipher';
import { isapiSnapshot } from './isapi-snapshot';
import { type CheckableCamera } from './reference-view.repository';

/** The snapshot JPEGs of a camera are at most this large (as the ONVIF trigger snapshots). */
const MAX_SNAPSHOT_BYTES = 5 * 1024 * 1024;

/**
 * The camera's current picture, asked live, inside the allowed networks, same host only: a Hikvision
 * camera's over ISAPI (one digest-authenticated GET), any other's over ONVIF (`GetSnapshotUri` and a
 * digest-authenticated GET). Failures are `OnvifError`s. An ONVIF session is kept per camera between
 * snapshots (a login is several requests), until the row changes or a snapshot fails.
 */
@Injectable()
export class CameraSnapshots {
  private readonly connect: ReturnType<typeof connectOnvif>;
  private readonly isapi: (camera: CheckableCamera) => Promise<Buffer>;
  private readonly sessions = new Map<
    string,
    { readonly version: string; readonly client: Promise<OnvifClient> }
  >();

  constructor(
    @Inject(CredentialCipher) cipher: CredentialCipher,
    @Inject(ONVIF_SETTINGS) settings: OnvifSettings,
  ) {
    this.connect = connectOnvif(cipher, settings);
    this.isapi = (camera) =>
      isapiSnapshot({
        address: camera.address,
        ...cipher.decrypt(camera.id, camera.credentialsEncrypted),
        timeoutMs: settings.requestTimeoutMs,
        maxBytes: MAX_SNAPSHOT_BYTES,
        networks: settings.networks,
      });
  }

  /** Drops the sessions of cameras no longer checked (`enterprise/camera` keys). */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.sessions.keys()) if (!keys.has(key)) this.sessions.delete(key);
  }

  async take(camera: CheckableCamera): Promise<Buffer> {
    if (camera.vendor === 'hikvision') return this.isapi(camera);
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
