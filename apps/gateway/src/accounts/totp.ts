import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Ecogate';

const totpFor = (username: string, secret: Secret): TOTP =>
  new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret });

/** A new secret and its `otpauth://` URI (what the enrolment QR code encodes). */
export function newTotp(username: string): { readonly secret: string; readonly uri: string } {
  const secret = new Secret({ size: 20 });
  return { secret: secret.base32, uri: totpFor(username, secret).toString() };
}

/** One 30 s step either side for clock drift. */
export function totpMatches(username: string, base32Secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(username, Secret.fromBase32(base32Secret)).validate({ token: code, window: 1 }) !== null;
}

/** The current code (tests and the enrolment check). */
export function totpCode(username: string, base32Secret: string): string {
  return totpFor(username, Secret.fromBase32(base32Secret)).generate();
}
