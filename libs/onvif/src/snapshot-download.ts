import { type Cam } from 'onvif';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { refuseRedirect } from './device-address';
import { OnvifError, toOnvifError } from './onvif-error';

export interface SnapshotLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly challenges: string[];
  readonly location?: string;
  readonly body: Buffer;
}

/**
 * GETs the snapshot URI; a 401 with a digest challenge is answered with the device login (the
 * package's own digest code, which also handles SHA-256 challenges). Only a JPEG is accepted.
 */
export async function downloadSnapshot(cam: Cam, uri: string, limits: SnapshotLimits): Promise<Buffer> {
  const url = new URL(uri);
  const target = `${url.pathname}${url.search}`;
  let answer = await get(url, undefined, limits);
  // node:http never follows redirects; say so, so a camera pointing elsewhere is visible.
  if (answer.status >= 300 && answer.status < 400) refuseRedirect(answer.status, answer.location, 'snapshot');
  if (answer.status === 401 && answer.challenges.length > 0 && cam.username) {
    answer = await get(url, cam.digestAuth(answer.challenges, { method: 'GET', path: target }), limits);
    if (answer.status >= 300 && answer.status < 400)
      refuseRedirect(answer.status, answer.location, 'snapshot');
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new OnvifError('unauthorised', `snapshot ${target}: HTTP ${answer.status}`);
  }
  if (answer.status !== 200) throw new OnvifError('protocol', `snapshot ${target}: HTTP ${answer.status}`);
  if (
    answer.body.length < 3 ||
    answer.body[0] !== 0xff ||
    answer.body[1] !== 0xd8 ||
    answer.body[2] !== 0xff
  ) {
    throw new OnvifError(
      'protocol',
      `snapshot ${target}: not a JPEG (${answer.contentType || 'no content type'})`,
    );
  }
  return answer.body;
}

function get(url: URL, authorization: string | undefined, limits: SnapshotLimits): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: 'GET', headers: authorization ? { authorization } : {} },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            req.destroy(new OnvifError('protocol', `snapshot larger than ${limits.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            challenges: digestChallenges(res.rawHeaders),
            ...(res.headers.location ? { location: res.headers.location } : {}),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', (error) => reject(toOnvifError(error, 'snapshot')));
      },
    );
    req.setTimeout(limits.timeoutMs, () =>
      req.destroy(new OnvifError('unreachable', `snapshot: no answer in ${limits.timeoutMs} ms`)),
    );
    req.on('error', (error) => reject(toOnvifError(error, 'snapshot')));
    req.end();
  });
}

// A camera may offer MD5 and SHA-256 in two headers; node joins them, so read the raw ones.
function digestChallenges(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const value = rawHeaders[i + 1] ?? '';
    if (rawHeaders[i]?.toLowerCase() === 'www-authenticate' && /^digest\s/i.test(value)) out.push(value);
  }
  return out;
}
