import { createHash, randomBytes } from 'node:crypto';
import { type DeviceNetworks } from '@ecogate/config';
import { BarrierCommandError, type DriverName } from '../barrier-driver';
import { assertBarrierAddress, refuseRedirect } from '../device-address';

export interface DeviceRequest {
  readonly method: 'GET' | 'PUT';
  readonly url: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly username?: string;
  readonly password?: string;
  readonly timeoutMs: number;
  /** Where the device may be (`DEVICE_ALLOWED_NETWORKS`); checked before each request. */
  readonly networks: DeviceNetworks;
  /** For the refusal's message and metric. */
  readonly driver: DriverName;
}

export interface DeviceResponse {
  readonly status: number;
  readonly body: string;
}

const md5 = (value: string): string => createHash('md5').update(value).digest('hex');

/** Parses `WWW-Authenticate: Digest realm="…", nonce="…", qop="auth", …`. */
export function parseDigestChallenge(header: string): Record<string, string> | undefined {
  if (!/^digest\s/i.test(header)) return undefined;
  const fields: Record<string, string> = {};
  for (const [, name = '', quoted, bare] of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    fields[name.toLowerCase()] = quoted ?? bare ?? '';
  }
  return fields;
}

/** RFC 7616 digest response (MD5, qop=auth or none) for one request. */
export function digestAuthorization(
  challenge: Record<string, string>,
  request: { method: string; uri: string; username: string; password: string },
  cnonce = randomBytes(8).toString('hex'),
): string {
  const { realm = '', nonce = '', opaque } = challenge;
  const qop = challenge['qop']
    ?.split(',')
    .map((q) => q.trim())
    .includes('auth')
    ? 'auth'
    : undefined;
  const ha1 = md5(`${request.username}:${realm}:${request.password}`);
  const ha2 = md5(`${request.method}:${request.uri}`);
  const nc = '00000001';
  const response = qop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  const parts = [
    `username="${request.username}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${request.uri}"`,
    `response="${response}"`,
    'algorithm=MD5',
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`] : []),
    ...(opaque !== undefined ? [`opaque="${opaque}"`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}

/**
 * One HTTP request to a device: answers a digest challenge when credentials are set (cameras use
 * digest; a device that needs none is asked once). Network errors and timeouts become
 * `BarrierCommandError`s; the caller judges the status. The host is checked against the allowed
 * networks before each request and a redirect is a `BarrierAddressRefused` (never followed), so
 * neither the command nor the login reaches another host.
 */
export async function deviceRequest(request: DeviceRequest): Promise<DeviceResponse> {
  const send = async (authorization?: string): Promise<Response> => {
    await assertBarrierAddress(request.url, request.networks, request.driver);
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: {
          ...(request.contentType ? { 'content-type': request.contentType } : {}),
          ...(authorization ? { authorization } : {}),
        },
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: AbortSignal.timeout(request.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new BarrierCommandError(
          'timeout',
          `${request.method} ${request.url}: no answer in ${request.timeoutMs} ms`,
        );
      }
      throw new BarrierCommandError(
        'unreachable',
        `${request.method} ${request.url}: ${(error as Error).message}`,
      );
    }
    if (response.status >= 300 && response.status < 400) {
      await response.arrayBuffer().catch(() => undefined);
      refuseRedirect(request.driver, response.status, response.headers.get('location'));
    }
    return response;
  };
  let response = await send();
  const challenge = parseDigestChallenge(response.headers.get('www-authenticate') ?? '');
  if (response.status === 401 && challenge && request.username !== undefined) {
    await response.arrayBuffer();
    const url = new URL(request.url);
    response = await send(
      digestAuthorization(challenge, {
        method: request.method,
        uri: `${url.pathname}${url.search}`,
        username: request.username,
        password: request.password ?? '',
      }),
    );
  }
  return { status: response.status, body: await response.text() };
}
