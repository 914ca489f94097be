import { type DeviceNetworks } from '@ecogate/config';
import { assertDeviceNetwork, OnvifError, refuseRedirect } from '@ecogate/onvif';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
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

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly challenges: string[];
  readonly location?: string;
  readonly body: Buffer;
}

/**
 * A Hikvision camera's current picture over ISAPI: the host checked against the allowed networks,
 * the first GET's digest challenge answered with the device login, a redirect never followed (the
 * login goes to the registered host only), and only a JPEG taken. Failures are `OnvifError`s, as the
 * ONVIF snapshots', so the view check and the reference view treat both alike.
 */
export async function isapiSnapshot(request: IsapiSnapshotRequest): Promise<Buffer> {
  const base = new URL(request.address);
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${ISAPI_PICTURE_PATH}`);
  await assertDeviceNetwork(url.hostname, request.networks, 'ISAPI snapshot');
  let answer = await get(url, undefined, request);
  if (answer.status >= 300 && answer.status < 400) refuseRedirect(answer.status, answer.location, 'snapshot');
  if (answer.status === 401) {
    const challenge = pickDigestChallenge(answer.challenges);
    if (!challenge)
      throw new OnvifError('unauthorised', 'ISAPI snapshot: HTTP 401 without a digest challenge');
    const authorization = digestAuthorization(challenge, {
      method: 'GET',
      uri: url.pathname,
      username: request.username,
      password: request.password,
    });
    answer = await get(url, authorization, request);
    if (answer.status >= 300 && answer.status < 400)
      refuseRedirect(answer.status, answer.location, 'snapshot');
  }
  if (answer.status === 401 || answer.status === 403)
    throw new OnvifError('unauthorised', `ISAPI snapshot: HTTP ${answer.status}`);
  if (answer.status === 404 || answer.status === 501)
    throw new OnvifError('unsupported', `ISAPI snapshot: HTTP ${answer.status} (no picture on channel 1)`);
  if (answer.status !== 200) throw new OnvifError('protocol', `ISAPI snapshot: HTTP ${answer.status}`);
  const jpeg = answer.body;
  if (jpeg.length < 3 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg[2] !== 0xff)
    throw new OnvifError(
      'protocol',
      `ISAPI snapshot: not a JPEG (${answer.contentType || 'no content type'})`,
    );
  return jpeg;
}

function get(
  url: URL,
  authorization: string | undefined,
  limits: Pick<IsapiSnapshotRequest, 'timeoutMs' | 'maxBytes'>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: 'GET', agent: false, headers: authorization ? { authorization } : {} },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            req.destroy(new OnvifError('protocol', `ISAPI snapshot larger than ${limits.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            challenges: challengesOf(res.rawHeaders),
            ...(res.headers.location ? { location: res.headers.location } : {}),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', (error) => reject(asOnvifError(error)));
      },
    );
    req.setTimeout(limits.timeoutMs, () =>
      req.destroy(new OnvifError('unreachable', `ISAPI snapshot: no answer in ${limits.timeoutMs} ms`)),
    );
    req.on('error', (error) => reject(asOnvifError(error)));
    req.end();
  });
}

const asOnvifError = (error: Error): OnvifError =>
  error instanceof OnvifError
    ? error
    : new OnvifError('unreachable', `ISAPI snapshot: ${error.message}`, { cause: error });

// A camera may offer MD5 and SHA-256 in two headers; node joins them, so read the raw ones.
function challengesOf(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (rawHeaders[i]?.toLowerCase() === 'www-authenticate') out.push(rawHeaders[i + 1] ?? '');
  return out;
}
