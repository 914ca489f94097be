import { readFileSync } from 'node:fs';
import { url } from '@ecogate/config';
import { z } from 'zod';
import { type ServiceName } from './roles';
import { ServiceToken } from './service-token';
import { readJwksFile, TokenVerifier, type TokenVerifierOptions } from './token-verifier';

/** The environment every service with an HTTP API reads (spread into its `defineConfig`). */
export const authEnv = {
  /** The gateway's JWKS: `http://gateway-internal:8081/.well-known/jwks.json`. */
  AUTH_JWKS_URL: url(['http', 'https']),
  /** JWKS file of the services' public keys: trusts their own tokens for service-to-service calls. */
  AUTH_SERVICE_KEYS_FILE: z.string().min(1).optional(),
  /** This service's ES256 private key (PKCS8 PEM file), for its calls to other services. */
  SERVICE_SIGNING_KEY_FILE: z.string().min(1).optional(),
};

export interface AuthConfig {
  readonly jwksUrl: string;
  readonly serviceKeysFile?: string;
  readonly signingKeyFile?: string;
}

export function authConfig(env: {
  AUTH_JWKS_URL: string;
  AUTH_SERVICE_KEYS_FILE?: string | undefined;
  SERVICE_SIGNING_KEY_FILE?: string | undefined;
}): AuthConfig {
  return {
    jwksUrl: env.AUTH_JWKS_URL,
    ...(env.AUTH_SERVICE_KEYS_FILE ? { serviceKeysFile: env.AUTH_SERVICE_KEYS_FILE } : {}),
    ...(env.SERVICE_SIGNING_KEY_FILE ? { signingKeyFile: env.SERVICE_SIGNING_KEY_FILE } : {}),
  };
}

/** What `main.ts` hands the service: the verifier options (keys read from their files). */
export function verifierOptions(config: AuthConfig): TokenVerifierOptions {
  return {
    jwksUrl: config.jwksUrl,
    ...(config.serviceKeysFile ? { serviceKeys: readJwksFile(config.serviceKeysFile) } : {}),
  };
}

export function createVerifier(options: TokenVerifierOptions): TokenVerifier {
  return new TokenVerifier(options);
}

/** The service's own token for its calls to others; a clear start failure without a key. */
export async function serviceTokenFrom(config: AuthConfig, service: ServiceName): Promise<ServiceToken> {
  if (!config.signingKeyFile)
    throw new Error(
      `${service} calls other services: SERVICE_SIGNING_KEY_FILE (its ES256 PKCS8 PEM) is required`,
    );
  return ServiceToken.fromPem(service, readFileSync(config.signingKeyFile, 'utf8'));
}
