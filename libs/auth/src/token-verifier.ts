import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import {
  GATEWAY_ISSUER,
  MAX_TOKEN_LIFETIME_SECONDS,
  type Principal,
  principalFromClaims,
  SERVICE_ISSUER,
  SERVICES_AUDIENCE,
} from './principal';

export interface TokenVerifierOptions {
  /** The gateway's JWKS (`/.well-known/jwks.json`), fetched on first use and cached. */
  readonly jwksUrl: string;
  /**
   * Public keys of the services that sign their own tokens (a JWKS file). Local, so a service
   * call on the gate's hot path never waits for the gateway.
   */
  readonly serviceKeys?: JSONWebKeySet;
}

/** Why a token was refused: for the log, never for the caller (who gets a plain 401). */
export class TokenRejected extends Error {}

/**
 * Verifies Ecogate tokens: ES256 only (no `none`, no HMAC confusion), issuer and audience checked,
 * `exp` required and lifetime bounded. Gateway tokens are checked against its JWKS, service tokens
 * against the local service keys, chosen by issuer, so a service key can never speak for a person.
 */
export class TokenVerifier {
  private readonly gatewayKeys: JWTVerifyGetKey;
  private readonly serviceKeys: JWTVerifyGetKey | undefined;

  constructor(options: TokenVerifierOptions) {
    this.gatewayKeys = createRemoteJWKSet(new URL(options.jwksUrl), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 3_000,
    });
    this.serviceKeys = options.serviceKeys ? createLocalJWKSet(options.serviceKeys) : undefined;
  }

  async verify(token: string): Promise<Principal> {
    try {
      const issuer = unverifiedIssuer(token);
      const keys = issuer === SERVICE_ISSUER ? this.serviceKeys : this.gatewayKeys;
      if (!keys) throw new TokenRejected('service tokens are not accepted here (no service keys configured)');
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['ES256'],
        issuer: issuer === SERVICE_ISSUER ? SERVICE_ISSUER : GATEWAY_ISSUER,
        audience: SERVICES_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS + 30,
        clockTolerance: 5,
      });
      // A token minted to outlive the limit is refused even while it is fresh.
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > MAX_TOKEN_LIFETIME_SECONDS + 30)
        throw new TokenRejected('token lifetime beyond the limit');
      const principal = principalFromClaims(payload);
      if (issuer === SERVICE_ISSUER && principal.role !== 'service')
        throw new TokenRejected('a service token can only carry the service role');
      if (issuer !== SERVICE_ISSUER && principal.role === 'service')
        throw new TokenRejected('the service role comes only from a service key');
      return principal;
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JOSEError) throw new TokenRejected(`${error.code}: ${error.message}`);
      throw new TokenRejected(error instanceof Error ? error.message : String(error));
    }
  }
}

function unverifiedIssuer(token: string): unknown {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new TokenRejected('not a JWT');
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
  } catch {
    throw new TokenRejected('not a JWT');
  }
}

/** A JWKS file (the service keys), read once at start. */
export function readJwksFile(path: string): JSONWebKeySet {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as JSONWebKeySet;
  if (!Array.isArray(parsed.keys)) throw new Error(`${path}: not a JWKS (no "keys" array)`);
  return parsed;
}
