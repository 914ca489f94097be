import { bool, ConfigError, defineConfig, type Secret, secret, url } from '@ecogate/config';
import { z } from 'zod';
import { parseRoleMap, type RoleRule } from './role-map';

/**
 * Single sign-on with the city's own identity provider. SSO is off while `GATEWAY_OIDC_ISSUER` is
 * unset; once it is set, the client id, secret, redirect URI, role map and transaction key are required.
 */
export const oidcEnv = {
  /** The provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  GATEWAY_OIDC_ISSUER: url(['https', 'http']).optional(),
  GATEWAY_OIDC_CLIENT_ID: z.string().min(1).optional(),
  GATEWAY_OIDC_CLIENT_SECRET: secret().optional(),
  /** The gateway's callback as registered with the provider: `https://<host>/auth/oidc/callback`. */
  GATEWAY_OIDC_REDIRECT_URI: url(['https', 'http']).optional(),
  /** Space-separated; `openid` is always asked for. */
  GATEWAY_OIDC_SCOPES: z.string().default('openid profile'),
  /** JSON list of rules `{claim, value, role, enterpriseClaim?, districtsClaim?, districts?}`; the first match decides. */
  GATEWAY_OIDC_ROLE_MAP: z.string().optional(),
  GATEWAY_OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  GATEWAY_OIDC_DISPLAY_NAME_CLAIM: z.string().min(1).default('name'),
  /** Encrypts the short-lived sign-on cookie (state, nonce, PKCE verifier); ≥ 32 characters. */
  GATEWAY_OIDC_TRANSACTION_KEY: secret().optional(),
  /** Minutes a person has to finish signing in at the provider. */
  GATEWAY_OIDC_TRANSACTION_TTL_S: z.coerce.number().int().min(60).max(3600).default(600),
  /** Plain-HTTP issuer and redirect URI: only for a provider on loopback in tests. */
  GATEWAY_OIDC_ALLOW_HTTP: bool(false),
};

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly roleMap: readonly RoleRule[];
  readonly usernameClaim: string;
  readonly displayNameClaim: string;
  readonly transactionKey: Secret;
  readonly transactionTtlSeconds: number;
  readonly allowHttp: boolean;
}

type OidcEnv = z.infer<z.ZodObject<typeof oidcEnv>>;

/** The SSO settings, or undefined when SSO is off; a half-configured SSO stops the boot. */
export function oidcConfig(env: OidcEnv): OidcConfig | undefined {
  if (env.GATEWAY_OIDC_ISSUER === undefined) return undefined;
  const problems: { variable: string; reason: string }[] = [];
  const need = <T>(variable: keyof OidcEnv, value: T | undefined): T => {
    if (value === undefined)
      problems.push({ variable, reason: 'is required when GATEWAY_OIDC_ISSUER is set' });
    return value as T;
  };
  const clientId = need('GATEWAY_OIDC_CLIENT_ID', env.GATEWAY_OIDC_CLIENT_ID);
  const clientSecret = need('GATEWAY_OIDC_CLIENT_SECRET', env.GATEWAY_OIDC_CLIENT_SECRET);
  const redirectUri = need('GATEWAY_OIDC_REDIRECT_URI', env.GATEWAY_OIDC_REDIRECT_URI);
  const transactionKey = need('GATEWAY_OIDC_TRANSACTION_KEY', env.GATEWAY_OIDC_TRANSACTION_KEY);
  if (transactionKey && transactionKey.reveal().length < 32)
    problems.push({ variable: 'GATEWAY_OIDC_TRANSACTION_KEY', reason: 'must have at least 32 characters' });
  let roleMap: readonly RoleRule[] = [];
  try {
    roleMap = parseRoleMap(need('GATEWAY_OIDC_ROLE_MAP', env.GATEWAY_OIDC_ROLE_MAP) ?? '');
  } catch (error) {
    if (env.GATEWAY_OIDC_ROLE_MAP !== undefined)
      problems.push({
        variable: 'GATEWAY_OIDC_ROLE_MAP',
        reason: error instanceof z.ZodError ? z.prettifyError(error) : 'is not JSON',
      });
  }
  if (!env.GATEWAY_OIDC_ALLOW_HTTP)
    for (const [variable, value] of [
      ['GATEWAY_OIDC_ISSUER', env.GATEWAY_OIDC_ISSUER],
      ['GATEWAY_OIDC_REDIRECT_URI', redirectUri],
    ] as const)
      if (value?.startsWith('http:')) problems.push({ variable, reason: 'must be https' });
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    issuer: env.GATEWAY_OIDC_ISSUER,
    clientId,
    clientSecret,
    redirectUri,
    scopes: [...new Set(['openid', ...env.GATEWAY_OIDC_SCOPES.split(/\s+/).filter(Boolean)])],
    roleMap,
    usernameClaim: env.GATEWAY_OIDC_USERNAME_CLAIM,
    displayNameClaim: env.GATEWAY_OIDC_DISPLAY_NAME_CLAIM,
    transactionKey,
    transactionTtlSeconds: env.GATEWAY_OIDC_TRANSACTION_TTL_S,
    allowHttp: env.GATEWAY_OIDC_ALLOW_HTTP,
  };
}

/** Standalone loader (the gateway spreads `oidcEnv` into its own `defineConfig` and calls `oidcConfig`). */
export const oidcConfigDefinition = defineConfig(oidcEnv, oidcConfig);
