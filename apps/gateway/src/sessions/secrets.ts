import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: refresh tokens, CSRF tokens, API keys. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/**
 * SHA-256 is enough for these (not argon2): they are 256-bit random values, so there is no
 * dictionary to try and a fast hash costs an attacker as much as brute-forcing the value itself;
 * a slow hash would only slow down every API call.
 */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
