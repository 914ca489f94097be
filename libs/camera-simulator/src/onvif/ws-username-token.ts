import { createHash, timingSafeEqual } from 'node:crypto';
import { NS } from './namespaces';
import { childNamed, type XmlElement } from './xml-tree';

const PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
const PASSWORD_DIGEST = `${PROFILE}#PasswordDigest`;
const PASSWORD_TEXT = `${PROFILE}#PasswordText`;
const BASE64_BINARY =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

export interface DeviceAccount {
  readonly username: string;
  readonly password: string;
}

/** A `wsse:UsernameToken` as sent; absent parts are undefined. */
export interface UsernameToken {
  readonly username: string;
  readonly password: string;
  readonly passwordType: string;
  readonly nonce?: string;
  readonly nonceEncoding?: string;
  readonly created?: string;
}

/** Why a token was refused (for tests and logs; the client only ever sees ter:NotAuthorized). */
export type TokenVerdict =
  | 'ok'
  | 'not-digest'
  | 'no-nonce'
  | 'no-created'
  | 'bad-nonce'
  | 'stale'
  | 'unknown-user'
  | 'wrong-digest'
  | 'replayed';

/** The UsernameToken of a request's `wsse:Security` header block, if it carries one. */
export function readUsernameToken(headers: readonly XmlElement[]): UsernameToken | undefined {
  const security = headers.find((block) => block.ns === NS.wsse && block.local === 'Security');
  const token = childNamed(security, NS.wsse, 'UsernameToken');
  if (!token) return undefined;
  const password = childNamed(token, NS.wsse, 'Password');
  const nonce = childNamed(token, NS.wsse, 'Nonce');
  const created = childNamed(token, NS.wsu, 'Created');
  return {
    username: childNamed(token, NS.wsse, 'Username')?.text ?? '',
    password: password?.text ?? '',
    // UsernameToken Profile 1.0 §3.1: without a Type the password is plain text.
    passwordType: password?.attributes.get('Type') ?? PASSWORD_TEXT,
    ...(nonce ? { nonce: nonce.text } : {}),
    ...(nonce?.attributes.has('EncodingType') ? { nonceEncoding: nonce.attributes.get('EncodingType') } : {}),
    ...(created ? { created: created.text } : {}),
  };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * WS-Security UsernameToken check as a strict camera does it: PasswordDigest =
 * Base64(SHA-1(nonce + created + password)), with both Nonce and Created present (ONVIF Core
 * §5.9.5: "The server shall reject any Username Token not using both nonce and creation
 * timestamps"), Created within `windowMs` of the device clock, and every nonce accepted once
 * (UsernameToken Profile §3.1: a nonce cache against replays).
 */
export class UsernameTokenVerifier {
  /** Accepted nonces → when (our clock) they can no longer pass the Created window anyway. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  verify(token: UsernameToken, account: DeviceAccount, deviceNow: Date): TokenVerdict {
    if (token.passwordType !== PASSWORD_DIGEST) return 'not-digest';
    if (!token.nonce) return 'no-nonce';
    if (!token.created) return 'no-created';
    if ((token.nonceEncoding ?? BASE64_BINARY) !== BASE64_BINARY || !BASE64.test(token.nonce))
      return 'bad-nonce';
    const created = DATE_TIME.test(token.created) ? Date.parse(token.created) : NaN;
    if (Number.isNaN(created) || Math.abs(created - deviceNow.getTime()) > this.windowMs) return 'stale';
    if (token.username !== account.username) return 'unknown-user';
    const expected = createHash('sha1')
      .update(
        Buffer.concat([
          Buffer.from(token.nonce, 'base64'),
          Buffer.from(token.created),
          Buffer.from(account.password),
        ]),
      )
      .digest();
    const given = Buffer.from(token.password, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'wrong-digest';
    const now = this.now();
    for (const [nonce, forgetAt] of this.seen) if (forgetAt <= now) this.seen.delete(nonce);
    if (this.seen.has(token.nonce)) return 'replayed';
    // A token passes only while Created is within ±window of the device clock: 2 windows at most.
    this.seen.set(token.nonce, now + 2 * this.windowMs);
    return 'ok';
  }
}
