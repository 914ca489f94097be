import { createHash, timingSafeEqual } from 'node:crypto';
import { type UsernameToken } from './soap-envelope';

const PASSWORD_DIGEST =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

export interface DeviceAccount {
  readonly username: string;
  readonly password: string;
}

/**
 * WS-Security UsernameToken check as a camera does it: Base64(SHA-1(nonce + created + password))
 * must match, and `created` must lie within `windowMs` of the device clock (replay protection).
 */
export function verifyUsernameToken(
  token: UsernameToken | undefined,
  account: DeviceAccount,
  deviceNow: Date,
  windowMs = 5 * 60_000,
): boolean {
  if (!token || token.passwordType !== PASSWORD_DIGEST || token.username !== account.username) return false;
  const created = Date.parse(token.created);
  if (Number.isNaN(created) || Math.abs(created - deviceNow.getTime()) > windowMs) return false;
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
  return given.length === expected.length && timingSafeEqual(given, expected);
}
