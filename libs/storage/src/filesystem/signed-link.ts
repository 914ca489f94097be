import { createHmac, timingSafeEqual } from 'node:crypto';
import { StorageError } from '../storage-errors';

/**
 * Signed links: the filesystem backend's presigned GET URLs (ADR 0008). There is no S3 server to
 * check a signature, so the gateway serves a route that verifies one with `verifySignedLink`:
 *
 *   <baseUrl>/<bucket>/<key, each segment percent-encoded>?expires=<unix seconds>[&versionId=<id>]&signature=<sig>
 *
 * where `sig` is base64url(HMAC-SHA256(secret, "GET\n<bucket>\n<key>\n<versionId or empty>\n<expires>")).
 * Anyone holding the link may GET that object version until `expires`; changing any part breaks it.
 */
export interface SignedLinkTarget {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
}

export type SignedLinkFailure = 'malformed' | 'expired' | 'bad-signature';

/** Why a link was refused; the gateway answers 400 (malformed), 410 (expired) or 403 (bad signature). */
export class SignedLinkError extends StorageError {
  constructor(
    readonly reason: SignedLinkFailure,
    message: string,
  ) {
    super('access-denied', message);
    this.name = 'SignedLinkError';
  }
}

export interface SignedLinkSigner {
  /** Where the gateway serves signed links, e.g. `http://127.0.0.1:3000/objects`. */
  readonly baseUrl: string;
  /** At least 32 bytes; the same secret verifies. */
  readonly secret: string;
}

export const MIN_SIGNED_LINK_SECRET_LENGTH = 32;

export function signLink(signer: SignedLinkSigner, target: SignedLinkTarget, expires: Date): string {
  assertSecret(signer.secret);
  const expiresAt = Math.floor(expires.getTime() / 1000);
  const path = [target.bucket, ...target.key.split('/')].map(encodeURIComponent).join('/');
  const url = new URL(`${signer.baseUrl.replace(/\/+$/, '')}/${path}`);
  url.searchParams.set('expires', String(expiresAt));
  if (target.versionId !== null) url.searchParams.set('versionId', target.versionId);
  url.searchParams.set('signature', signature(signer.secret, target, expiresAt));
  return url.toString();
}

/**
 * Checks a signed link (the full URL, or its path and query as a route sees them) and returns what
 * it grants. `baseUrl` is the signer's; throws `SignedLinkError` when malformed, expired or tampered.
 */
export function verifySignedLink(
  link: string,
  verifier: SignedLinkSigner,
  now: Date = new Date(),
): SignedLinkTarget & { readonly expires: Date } {
  assertSecret(verifier.secret);
  const base = new URL(verifier.baseUrl);
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new SignedLinkError('malformed', 'signed link is not a URL');
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${basePath}/`))
    throw new SignedLinkError('malformed', 'not a signed-link path');
  let segments: string[];
  try {
    segments = url.pathname
      .slice(basePath.length + 1)
      .split('/')
      .map(decodeURIComponent);
  } catch {
    throw new SignedLinkError('malformed', 'signed link path is not percent-encoded UTF-8');
  }
  const [bucket, ...keySegments] = segments;
  const expiresText = url.searchParams.get('expires');
  const given = url.searchParams.get('signature');
  if (!bucket || keySegments.length === 0 || !expiresText || !/^\d{1,12}$/.test(expiresText) || !given)
    throw new SignedLinkError('malformed', 'signed link lacks bucket, key, expires or signature');
  const target: SignedLinkTarget = {
    bucket,
    key: keySegments.join('/'),
    versionId: url.searchParams.get('versionId'),
  };
  const expiresAt = Number(expiresText);
  const expected = Buffer.from(signature(verifier.secret, target, expiresAt));
  const actual = Buffer.from(given);
  // The signature first: an expired link that was also tampered with says "bad signature".
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw new SignedLinkError('bad-signature', 'signed link signature does not match');
  if (expiresAt * 1000 <= now.getTime()) throw new SignedLinkError('expired', 'signed link has expired');
  return { ...target, expires: new Date(expiresAt * 1000) };
}

function signature(secret: string, target: SignedLinkTarget, expiresAt: number): string {
  return createHmac('sha256', secret)
    .update(['GET', target.bucket, target.key, target.versionId ?? '', String(expiresAt)].join('\n'))
    .digest('base64url');
}

function assertSecret(secret: string): void {
  if (secret.length < MIN_SIGNED_LINK_SECRET_LENGTH)
    throw new StorageError(
      'invalid-storage-config',
      `the signed-link secret must be at least ${MIN_SIGNED_LINK_SECRET_LENGTH} characters`,
    );
}
