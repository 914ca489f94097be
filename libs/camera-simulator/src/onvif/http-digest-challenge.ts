import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type DeviceAccount } from './ws-username-token';

const md5 = (value: string): string => createHash('md5').update(value).digest('hex');

/** Why an Authorization header was refused (`stale`: right digest, expired nonce). */
export type DigestVerdict = 'ok' | 'missing' | 'malformed' | 'unknown-nonce' | 'wrong' | 'stale' | 'replayed';

export interface HttpDigestOptions {
  /** How long a nonce may be used; later, a right digest gets a fresh challenge with `stale=true`. */
  readonly nonceTtlMs?: number;
  readonly now?: () => number;
}

/** Issued nonces kept at most (oldest forgotten first), so a flood of 401s cannot grow memory. */
const MAX_NONCES = 1_000;

/**
 * Server side of HTTP digest (RFC 7616, MD5, qop=auth) as a camera protects its SOAP endpoints and
 * snapshot URL: only nonces it issued, each for `nonceTtlMs`, with a nonce count that must grow
 * from one request to the next on the same nonce (RFC 7616 §3.4: a repeated nc is a replay).
 */
export class HttpDigestChallenge {
  private readonly nonces = new Map<string, { issuedAt: number; lastCount: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly realm: string,
    private readonly account: () => DeviceAccount,
    options: HttpDigestOptions = {},
  ) {
    this.ttlMs = options.nonceTtlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The `WWW-Authenticate` value of a 401; the nonce is remembered. */
  challenge(stale = false): string {
    const now = this.now();
    // Expired nonces are kept one more lifetime (a minute at least), to answer them with stale=true.
    const forgetAfter = this.ttlMs + Math.max(this.ttlMs, 60_000);
    for (const [nonce, state] of this.nonces) {
      if (now - state.issuedAt > forgetAfter || this.nonces.size >= MAX_NONCES) this.nonces.delete(nonce);
    }
    const nonce = randomBytes(16).toString('hex');
    this.nonces.set(nonce, { issuedAt: now, lastCount: 0 });
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", algorithm=MD5${stale ? ', stale=true' : ''}`;
  }

  verify(method: string, url: string, authorization: string | undefined): DigestVerdict {
    if (!authorization || !/^digest\s/i.test(authorization)) return 'missing';
    const fields: Record<string, string> = {};
    for (const [, name = '', quoted, bare] of authorization
      .slice(7)
      .matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) {
      fields[name.toLowerCase()] = quoted ?? bare ?? '';
    }
    const { username, realm, nonce = '', uri, response = '', nc = '', cnonce, qop, algorithm } = fields;
    // RFC 7616 §3.4: the challenge offered qop=auth, so qop, cnonce and an 8-hex-digit nc are required.
    if (
      qop !== 'auth' ||
      !cnonce ||
      !/^[0-9a-f]{8}$/i.test(nc) ||
      realm !== this.realm ||
      (algorithm !== undefined && algorithm.toUpperCase() !== 'MD5') ||
      uri !== url
    ) {
      return 'malformed';
    }
    const state = this.nonces.get(nonce);
    if (!state) return 'unknown-nonce';
    const { username: expectedUser, password } = this.account();
    const ha1 = md5(`${expectedUser}:${this.realm}:${password}`);
    const expected = md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${md5(`${method}:${uri}`)}`);
    if (
      username !== expectedUser ||
      response.length !== expected.length ||
      !timingSafeEqual(Buffer.from(response), Buffer.from(expected))
    ) {
      return 'wrong';
    }
    if (this.now() - state.issuedAt > this.ttlMs) return 'stale';
    const count = parseInt(nc, 16);
    if (count <= state.lastCount) return 'replayed';
    state.lastCount = count;
    return 'ok';
  }
}
