import { z } from 'zod';
import { API_SCOPES, ROLES, type ApiScope, type Role } from './roles';

/** Every token's issuer is one of these; a service's own tokens carry `ecogate-service`. */
export const GATEWAY_ISSUER = 'ecogate-gateway';
export const SERVICE_ISSUER = 'ecogate-service';
/** The one audience every Ecogate service accepts. */
export const SERVICES_AUDIENCE = 'ecogate-services';
/** Tokens are short-lived: a stolen one is worth minutes, and a role change reaches services soon. */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;

/** The authenticated caller of one request, as the token says. */
export interface Principal {
  /** Stable id: a user id, `key:<id>` for an API key, or the service's name. */
  readonly subject: string;
  /** For people: the login name shown in audit records. */
  readonly name: string;
  readonly role: Role;
  /** Enterprises this caller may act on: `*` for city-wide roles, else a list (an inspector's districts, resolved by the gateway). */
  readonly enterprises: '*' | readonly string[];
  /** An inspector's districts (administrative division codes). */
  readonly districts: readonly string[];
  /** An integrator's API key scopes. */
  readonly scopes: readonly ApiScope[];
}

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/);

/** The claims Ecogate tokens carry (beyond iss/aud/exp/iat). Short names keep tokens small. */
export const tokenClaimsSchema = z.object({
  sub: id,
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  ent: z.union([z.literal('*'), z.array(id).max(5_000)]),
  dst: z
    .array(z.string().regex(/^\d{6}$/))
    .max(200)
    .default([]),
  scp: z.array(z.enum(API_SCOPES)).default([]),
});
export type TokenClaims = z.input<typeof tokenClaimsSchema>;

export function principalFromClaims(claims: unknown): Principal {
  const c = tokenClaimsSchema.parse(claims);
  return { subject: c.sub, name: c.name, role: c.role, enterprises: c.ent, districts: c.dst, scopes: c.scp };
}

export function claimsOf(principal: Principal): TokenClaims {
  return {
    sub: principal.subject,
    name: principal.name,
    role: principal.role,
    ent: principal.enterprises === '*' ? '*' : [...principal.enterprises],
    dst: [...principal.districts],
    scp: [...principal.scopes],
  };
}

/** May this caller act on this enterprise? (Role and route are the policy's business.) */
export function coversEnterprise(principal: Principal, enterpriseId: string): boolean {
  return principal.enterprises === '*' || principal.enterprises.includes(enterpriseId);
}
