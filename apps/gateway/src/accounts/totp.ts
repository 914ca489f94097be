import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Ecogate';

const totpFor = (username: string, secret: Secret): TOTP =>
  new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret });

/** A new secret and its `otpauth://` URI (what the enrolment QR code encodes). */
export function newTotp(username: string): { readonly secret: string; readonly uri: string } {
  const secret = new Secret({ size: 20 });
  return { secret: secret.base32, uri: totpFor(username, secret).toString() };
}

/**
 * The time step `code` belongs to (one 30 s step either side for clock drift), or undefined.
 * A step at or before `lastUsedStep` is refused: a code seen once (shoulder-surfed, phished,
 * logged by a proxy) cannot sign in again.
 */
export function acceptedTotpStep(
  username: string,
  base32Secret: string,
  code: string,
  lastUsedStep: number | null,
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpFor(username, Secret.fromBase32(base32Secret));
  const delta = totp.validate({ token: code, window: 1 });
  if (delta === null) return undefined;
  const step = totp.counter() + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? undefined : step;
}

/** The code of the current time step, or of one `stepsAhead` (what an authenticator app shows). */
export function totpCode(username: string, base32Secret: string, stepsAhead = 0): string {
  return totpFor(username, Secret.fromBase32(base32Secret)).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });
}
