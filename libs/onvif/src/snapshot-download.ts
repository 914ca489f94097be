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
 * Answers a camera's digest challenges (each `WWW-Authenticate: Digest …` it sent) for a GET of
 * `path`; undefined when there is no login to answer with.
 */
export type DigestResponder = (challenges: string[], path: string) => string | undefined;

export interface JpegDownload extends SnapshotLimits {
  /** Names the request in errors: "snapshot", "ISAPI snapshot". */
  readonly what: string;
  readonly answerDigest: DigestResponder;
}

/**
 * GETs a camera's picture: a 401 with a digest challenge is answered once, a redirect is never
 * followed (the login goes to the registered host only), 404/501 mean the camera has no picture
 * there, and only a JPEG is accepted. Failures are `OnvifError`s. The caller checks the host first.
 */
export async function downloadJpeg(uri: string, options: JpegDownload): Promise<Buffer> {
  const { what } = options;
  const url = new URL(uri);
  const target = `${url.pathname}${url.search}`;
  let answer = await get(url, undefined, options);
  // node:http never follows redirects; say so, so a camera pointing elsewhere is visible.
  if (answer.status >= 300 && answer.status < 400) refuseRedirect(answer.status, answer.location, what);
  const authorization =
    answer.status === 401 && answer.challenges.length > 0
      ? options.answerDigest(answer.challenges, target)
      : undefined;
  if (authorization) {
    answer = await get(url, authorization, options);
    if (answer.status >= 300 && answer.status < 400) refuseRedirect(answer.status, answer.location, what);
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new OnvifError('unauthorised', `${what} ${target}: HTTP ${answer.status}`);
  }
  if (answer.status === 404 || answer.status === 501)
    throw new OnvifError('unsupported', `${what} ${target}: HTTP ${answer.status} (no picture there)`);
  if (answer.status !== 200) throw new OnvifError('protocol', `${what} ${target}: HTTP ${answer.status}`);
  if (
    answer.body.length < 3 ||
    answer.body[0] !== 0xff ||
    answer.body[1] !== 0xd8 ||
    answer.body[2] !== 0xff
  ) {
    throw new OnvifError(
      'protocol',
      `${what} ${target}: not a JPEG (${answer.contentType || 'no content type'})`,
    );
  }
  return answer.body;
}

/** The ONVIF snapshot URI's picture, answering a digest challenge with the device login (the package's digest code, SHA-256 too). */
export function downloadSnapshot(cam: Cam, uri: string, limits: SnapshotLimits): Promise<Buffer> {
  return downloadJpeg(uri, {
    ...limits,
    what: 'snapshot',
    answerDigest: (challenges, path) =>
      cam.username ? cam.digestAuth(challenges, { method: 'GET', path }) : undefined,
  });
}

function get(url: URL, authorization: string | undefined, limits: JpegDownload): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      // No shared keep-alive agent: a request cut for its size must not leave an error on a pooled socket.
      { method: 'GET', agent: false, headers: authorization ? { authorization } : {} },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            req.destroy(new OnvifError('protocol', `${limits.what} larger than ${limits.maxBytes} bytes`));
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
        res.on('error', (error) => reject(toOnvifError(error, limits.what)));
      },
    );
    req.setTimeout(limits.timeoutMs, () =>
      req.destroy(new OnvifError('unreachable', `${limits.what}: no answer in ${limits.timeoutMs} ms`)),
    );
    req.on('error', (error) => reject(toOnvifError(error, limits.what)));
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
