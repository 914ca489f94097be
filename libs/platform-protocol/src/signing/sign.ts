import { timingSafeEqual } from 'node:crypto';
import { canonicalString, type SigningParts } from './canonical-string';
import { hmacSha256Hex, md5Hex, sm3Hex } from './digests';
import { type SignMethod } from './sign-method';

/**
 * Signs the canonical string of `parts` with `secret` (UTF-8):
 * - `HMAC-SHA256`: lower-case hex HMAC-SHA256(key = secret, message = canonical);
 * - `MD5`: UPPER-case hex MD5(canonical + "&key=" + secret), the style of many provincial specs;
 * - `SM3`: lower-case hex SM3(canonical + "&key=" + secret).
 */
export function sign(method: SignMethod, secret: string, parts: SigningParts): string {
  const canonical = canonicalString(parts);
  switch (method) {
    case 'HMAC-SHA256':
      return hmacSha256Hex(secret, canonical);
    case 'MD5':
      return md5Hex(`${canonical}&key=${secret}`).toUpperCase();
    case 'SM3':
      return sm3Hex(`${canonical}&key=${secret}`);
  }
}

/**
 * True when `signature` is exactly what `sign` produces (case included: a client that sends the
 * wrong case is non-conforming, and the simulator exists to catch that). Constant-time compare.
 */
export function verify(method: SignMethod, secret: string, parts: SigningParts, signature: string): boolean {
  const expected = Buffer.from(sign(method, secret, parts), 'utf8');
  const actual = Buffer.from(signature, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
