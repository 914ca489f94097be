import { type DeviceNetworks } from '@ecogate/config';
import { assertDeviceNetwork, downloadJpeg } from '@ecogate/onvif';
import { digestAuthorization, pickDigestChallenge } from '../dahua-stream/http-digest';

/** The main stream's current picture on a Hikvision camera (ISAPI Streaming, channel 1). */
export const ISAPI_PICTURE_PATH = '/ISAPI/Streaming/channels/1/picture';

export interface IsapiSnapshotRequest {
  /** The camera's base URL from the registry. */
  readonly address: string;
  readonly username: string;
  readonly password: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Where cameras may be reached: checked before every connection. */
  readonly networks: DeviceNetworks;
}

/**
 * A Hikvision camera's current picture over ISAPI: the host checked against the allowed networks,
 * then the download the ONVIF snapshots use (digest answered with the device login, no redirect
 * followed, only a JPEG), so the view check and the reference view treat both alike.
 */
export async function isapiSnapshot(request: IsapiSnapshotRequest): Promise<Buffer> {
  const base = new URL(request.address);
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${ISAPI_PICTURE_PATH}`);
  await assertDeviceNetwork(url.hostname, request.networks, 'ISAPI snapshot');
  return downloadJpeg(url.href, {
    what: 'ISAPI snapshot',
    timeoutMs: request.timeoutMs,
    maxBytes: request.maxBytes,
    answerDigest: (challenges) => {
      const challenge = pickDigestChallenge(challenges);
      return challenge
        ? digestAuthorization(challenge, {
            method: 'GET',
            uri: url.pathname,
            username: request.username,
            password: request.password,
          })
        : undefined;
    },
  });
}
