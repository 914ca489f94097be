import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import {
  ObjectNotFoundError,
  BucketNotFoundError,
  type FilesystemGetOptions,
  type ObjectStat,
  SignedLinkError,
  type SignedLinkSigner,
  StorageError,
  verifySignedLink,
} from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type Request, type Response } from 'express';
import { type Readable } from 'node:stream';
import { byteRange } from './byte-range';
import { ObjectLinkError } from './object-link.errors';

/** Where the gateway serves signed links (`SIGNED_LINK_BASE_URL` must lead here). */
export const OBJECTS_PATH = '/objects';

/** What the route reads: the filesystem store's `stat` and (ranged) `get`. */
export interface ObjectReader {
  stat(bucket: string, key: string, options?: { versionId?: string }): Promise<ObjectStat>;
  get(bucket: string, key: string, options?: FilesystemGetOptions): Promise<Readable>;
}

export const OBJECT_READER = Symbol('ObjectReader');
export const SIGNED_LINK_VERIFIER = Symbol('SignedLinkVerifier');
export const OBJECTS_LOG = Symbol('ObjectsLog');

/** Whether a request is for a signed link: the link is its own credential, no session is looked up. */
export function isSignedLinkRequest(method: string, path: string): boolean {
  return method === 'GET' && path.startsWith(`${OBJECTS_PATH}/`);
}

/**
 * `GET /objects/<bucket>/<key...>?expires=…[&versionId=…]&signature=…`: the embedded profile's
 * presigned URLs (ADR 0008, "Signed links"). The services sign them with `SIGNED_LINK_SECRET`; here
 * the signature is verified and the object version streamed, with one byte range if asked (video
 * players seek with ranges). The signature is the authorisation: `<img>` and `<video>` cannot send
 * a bearer token, so this is a public route of the policy table and no session is consulted.
 */
@Controller(OBJECTS_PATH.slice(1))
export class ObjectsController {
  constructor(
    @Inject(OBJECT_READER) private readonly storage: ObjectReader,
    @Inject(SIGNED_LINK_VERIFIER) private readonly verifier: SignedLinkSigner,
    @Inject(OBJECTS_LOG) private readonly log: Logger,
  ) {}

  @Get(':bucket/*key')
  async serve(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { bucket, key, versionId } = this.verified(req.originalUrl);
    const stat = await this.storage
      .stat(bucket, key, versionId === null ? {} : { versionId })
      .catch((error: unknown) => {
        throw storageRefusal(error);
      });
    // Pinned to the version just stat'ed: the headers and the body describe the same bytes.
    const version =
      stat.versionId === null ? (versionId === null ? {} : { versionId }) : { versionId: stat.versionId };
    const etag = `"${stat.etag}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', stat.lastModified.toUTCString());
    res.setHeader('Cache-Control', 'private');
    res.setHeader('Accept-Ranges', 'bytes');
    // Parity with presigned MinIO URLs (another origin anyway): pages may embed the object, but a
    // stored HTML or SVG body never runs script in the gateway's origin, where the session lives.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Content-Security-Policy', 'sandbox');
    if (notModified(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    const range = byteRange(headerOf(req, 'range'), stat.size, { ifRange: headerOf(req, 'if-range'), etag });
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${stat.size}`);
      throw new ObjectLinkError('range-not-satisfiable', `the object has ${stat.size} bytes`);
    }
    const body = await this.storage
      .get(bucket, key, range.kind === 'partial' ? { ...version, range } : version)
      .catch((error: unknown) => {
        throw storageRefusal(error);
      });
    res.setHeader('Content-Type', stat.contentType || 'application/octet-stream');
    if (range.kind === 'partial') {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(stat.size));
    }
    // A body that is not as long as announced fails the response rather than truncating it silently.
    res.strictContentLength = true;
    await send(body, res).catch((error: unknown) => {
      // Nothing sent yet: the error filter answers (500 with an error id). Else the connection ends.
      if (!res.headersSent) {
        res.strictContentLength = false;
        res.removeHeader('Content-Range');
        throw error;
      }
      this.log.warn({ err: error, bucket, key }, 'object stream failed after its headers');
      res.destroy();
    });
  }

  /** The link's grant, from the raw URL: segments exactly as signed, `.`/`..` refused outright. */
  private verified(originalUrl: string): { bucket: string; key: string; versionId: string | null } {
    const queryAt = originalUrl.indexOf('?');
    const path = queryAt < 0 ? originalUrl : originalUrl.slice(0, queryAt);
    const query = queryAt < 0 ? '' : originalUrl.slice(queryAt);
    const rest = path.slice(OBJECTS_PATH.length + 1);
    for (const segment of rest.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        throw new ObjectLinkError('invalid-link', 'the link path is not percent-encoded UTF-8');
      }
      if (decoded === '.' || decoded === '..')
        throw new ObjectLinkError('invalid-link', 'the link path has a dot segment');
    }
    try {
      // As signed: the signer's base URL (whatever host and path lead to this route) and the rest.
      const link = `${this.verifier.baseUrl.replace(/\/+$/, '')}/${rest}${query}`;
      const { bucket, key, versionId } = verifySignedLink(link, this.verifier);
      return { bucket, key, versionId };
    } catch (error) {
      if (!(error instanceof SignedLinkError)) throw error;
      throw new ObjectLinkError(
        error.reason === 'malformed'
          ? 'invalid-link'
          : error.reason === 'expired'
            ? 'link-expired'
            : 'invalid-link-signature',
        error.message,
      );
    }
  }
}

/** A missing bucket, key or version is 404; a name the store refuses cannot be a real object. */
function storageRefusal(error: unknown): unknown {
  if (error instanceof ObjectNotFoundError || error instanceof BucketNotFoundError)
    return new ObjectLinkError('not-found', 'no such object');
  if (
    error instanceof StorageError &&
    (error.code === 'invalid-argument' || error.code === 'invalid-object-key')
  )
    return new ObjectLinkError('invalid-link', error.message);
  return error;
}

/** Streams `body` into `res`; resolves when the response is done or the client went away. */
function send(body: Readable, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    body.once('error', reject);
    res.once('close', () => {
      body.destroy(); // the client left before the end: stop reading the file
      resolve();
    });
    body.pipe(res);
  });
}

function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** `If-None-Match` (weak comparison, RFC 9110 §13.1.2): the client already has these bytes. */
function notModified(header: string | string[] | undefined, etag: string): boolean {
  if (typeof header !== 'string') return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
