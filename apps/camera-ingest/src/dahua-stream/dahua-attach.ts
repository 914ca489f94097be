import { type DeviceNetworks } from '@ecogate/config';
import { assertDeviceNetwork, DeviceAddressRefused, OnvifError, refuseRedirect } from '@ecogate/onvif';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type Readable } from 'node:stream';
import { DAHUA_TRAFFIC_CODES } from './dahua-stream-events';
import { digestAuthorization, pickDigestChallenge } from './http-digest';
import { multipartBoundary } from './multipart-stream-parser';

/**
 * Why a stream could not be opened or read on. The first four are the camera-health reasons; a
 * stream that `hung` (the watchdog) or was `closed` under us counts as `unreachable` there.
 */
export type DahuaStreamFailure =
  'unreachable' | 'unauthorised' | 'unsupported' | 'protocol' | 'hung' | 'closed';

export class DahuaStreamError extends Error {
  constructor(
    readonly code: DahuaStreamFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DahuaStreamError';
  }
}

export interface DahuaAttachRequest {
  /** The camera's base URL from the registry. */
  readonly address: string;
  readonly username: string;
  readonly password: string;
  readonly heartbeatSeconds: number;
  /** For the connection and the answer's headers; the open stream has its own watchdog. */
  readonly timeoutMs: number;
  /** Where cameras may be reached: checked before every connection. */
  readonly networks: DeviceNetworks;
}

/** An open attach: the multipart body, its boundary, and how to let go of it. */
export interface DahuaAttachment {
  readonly boundary: string;
  readonly body: Readable;
  close(): void;
}

/** `…/cgi-bin/eventManager.cgi?action=attach&codes=[TrafficJunction,TrafficGate]&heartbeat=<s>` on the camera. */
export function attachTarget(address: string, heartbeatSeconds: number): URL {
  const base = new URL(address);
  const prefix = base.pathname.replace(/\/+$/, '');
  // Brackets and commas literally, as the firmwares expect them (and as the digest `uri` says).
  const query = `action=attach&codes=[${DAHUA_TRAFFIC_CODES.join(',')}]&heartbeat=${heartbeatSeconds}`;
  return new URL(`${base.origin}${prefix}/cgi-bin/eventManager.cgi?${query}`);
}

/**
 * Opens the camera's event stream: the host is checked against the allowed networks, the first
 * request's digest challenge is answered with the device login (a fresh challenge per attach), a
 * redirect is never followed (the login goes to the registered host only), and only a 200
 * multipart answer with a boundary is taken. Failures are `DahuaStreamError`s.
 */
export async function attachDahuaEventStream(
  request: DahuaAttachRequest,
  signal: AbortSignal,
): Promise<DahuaAttachment> {
  const url = attachTarget(request.address, request.heartbeatSeconds);
  const target = `${url.pathname}${url.search}`;
  await checkNetwork(url, request.networks);
  let res = await get(url, undefined, request.timeoutMs, signal);
  if (res.statusCode === 401) {
    const challenge = pickDigestChallenge(challengesOf(res));
    res.resume();
    if (!challenge)
      throw new DahuaStreamError('unauthorised', 'HTTP 401 without a digest challenge we can answer');
    const authorization = digestAuthorization(challenge, {
      method: 'GET',
      uri: target,
      username: request.username,
      password: request.password,
    });
    await checkNetwork(url, request.networks);
    res = await get(url, authorization, request.timeoutMs, signal);
  }
  const status = res.statusCode ?? 0;
  if (status !== 200) res.resume();
  if (status >= 300 && status < 400) {
    try {
      refuseRedirect(status, res.headers.location, 'Dahua event stream');
    } catch (error) {
      throw new DahuaStreamError('protocol', (error as Error).message, { cause: error });
    }
  }
  if (status === 401 || status === 403) {
    throw new DahuaStreamError('unauthorised', `the camera refused our login (HTTP ${status})`);
  }
  if (status === 404 || status === 501) {
    throw new DahuaStreamError('unsupported', `the camera has no event stream (HTTP ${status})`);
  }
  if (status !== 200) throw new DahuaStreamError('protocol', `attach answered HTTP ${status}`);
  const boundary = multipartBoundary(res.headers['content-type'] ?? '');
  if (!boundary) {
    res.destroy();
    throw new DahuaStreamError(
      'protocol',
      `attach answered ${JSON.stringify(res.headers['content-type'] ?? '')}, not a multipart stream`,
    );
  }
  return { boundary, body: res, close: () => res.destroy() };
}

async function checkNetwork(url: URL, networks: DeviceNetworks): Promise<void> {
  try {
    await assertDeviceNetwork(url.hostname, networks, 'Dahua event stream');
  } catch (error) {
    if (error instanceof DeviceAddressRefused)
      throw new DahuaStreamError('protocol', error.message, { cause: error });
    if (error instanceof OnvifError)
      throw new DahuaStreamError('unreachable', error.message, { cause: error });
    throw error;
  }
}

/** One GET on a connection of its own; resolves with the answer's headers (the body stays unread). */
function get(
  url: URL,
  authorization: string | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'GET',
      agent: false,
      signal,
      headers: { accept: 'multipart/x-mixed-replace, */*', ...(authorization ? { authorization } : {}) },
    });
    // Only until the headers: the stream itself is watched by the heartbeat watchdog.
    const timer = setTimeout(
      () => req.destroy(new DahuaStreamError('unreachable', `no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('response', (res: IncomingMessage) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(
        error instanceof DahuaStreamError
          ? error
          : new DahuaStreamError('unreachable', `attach: ${error.message}`, { cause: error }),
      );
    });
    req.end();
  });
}

// A camera may offer MD5 and SHA-256 in two headers; node joins them, so read the raw ones.
function challengesOf(res: IncomingMessage): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    if (res.rawHeaders[i]?.toLowerCase() === 'www-authenticate') out.push(res.rawHeaders[i + 1] ?? '');
  }
  return out;
}
