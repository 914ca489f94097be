import { randomUUID } from 'node:crypto';
import { exportJWK, importPKCS8, type JWK, SignJWT } from 'jose';
import { claimsOf, MAX_TOKEN_LIFETIME_SECONDS, type Principal, SERVICES_AUDIENCE } from './principal';

type SigningKey = Awaited<ReturnType<typeof importPKCS8>>;

/**
 * Signs Ecogate tokens with one ES256 key: the gateway's (for people, API keys) or a service's own
 * (for its calls to other services). `kid` names the key so keys can rotate.
 */
export class TokenSigner {
  private constructor(
    private readonly key: SigningKey,
    readonly kid: string,
    private readonly issuer: string,
    private readonly lifetimeSeconds: number,
  ) {}

  static async fromPem(
    pkcs8Pem: string,
    options: { readonly kid: string; readonly issuer: string; readonly lifetimeSeconds?: number },
  ): Promise<TokenSigner> {
    const key = await importPKCS8(pkcs8Pem, 'ES256', { extractable: true });
    const lifetime = Math.min(
      options.lifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS,
      MAX_TOKEN_LIFETIME_SECONDS,
    );
    return new TokenSigner(key, options.kid, options.issuer, lifetime);
  }

  /**
   * `sessionId` (claim `sid`) ties a gateway token to the login session it was issued for, so the
   * gateway can refuse it once that session ends; services ignore it.
   */
  async sign(
    principal: Principal,
    options: { readonly sessionId?: string } = {},
  ): Promise<{ readonly token: string; readonly expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.lifetimeSeconds;
    const sid = options.sessionId ? { sid: options.sessionId } : {};
    const token = await new SignJWT({ ...claimsOf(principal), ...sid })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(SERVICES_AUDIENCE)
      .setSubject(principal.subject)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The public half, for a JWKS. */
  async publicJwk(): Promise<JWK> {
    const { kty, crv, x, y } = await exportJWK(this.key);
    return { kty, crv, x, y, kid: this.kid, alg: 'ES256', use: 'sig' };
  }
}
