import { APP_ID_PATTERN, NONCE_PATTERN, TIMESTAMP_PATTERN } from './credential-fields';
import { sha256Hex } from './digests';

/** What a signature covers: the credentials of one request and its exact body bytes. */
export interface SigningParts {
  appId: string;
  /** Milliseconds since the epoch, as the 13-digit decimal string sent on the wire. */
  timestamp: string;
  nonce: string;
  /** The raw body: the exact bytes sent (a string is taken as UTF-8). An empty body is allowed. */
  body: string | Uint8Array;
}

export class SigningPartsError extends Error {
  readonly code = 'invalid-signing-parts';

  constructor(message: string) {
    super(message);
    this.name = 'SigningPartsError';
  }
}

/**
 * `appId=<appId>&nonce=<nonce>&timestamp=<timestamp>&body=<sha256 hex of the raw body>`.
 *
 * Keys in ASCII order, values verbatim (their alphabets exclude `&` and `=`, so no escaping is
 * needed), the body last as its lower-case SHA-256 hex digest. Hashing the bytes rather than
 * re-serialising JSON means sender and receiver never have to agree on a JSON canonical form.
 */
export function canonicalString(parts: SigningParts): string {
  if (!APP_ID_PATTERN.test(parts.appId))
    throw new SigningPartsError(`appId "${parts.appId}" has an invalid shape`);
  if (!NONCE_PATTERN.test(parts.nonce))
    throw new SigningPartsError(`nonce "${parts.nonce}" has an invalid shape`);
  if (!TIMESTAMP_PATTERN.test(parts.timestamp)) {
    throw new SigningPartsError(`timestamp "${parts.timestamp}" must be 13 digits`);
  }
  return `appId=${parts.appId}&nonce=${parts.nonce}&timestamp=${parts.timestamp}&body=${sha256Hex(parts.body)}`;
}
