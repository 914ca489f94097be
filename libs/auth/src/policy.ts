import { coversEnterprise, type Principal } from './principal';
import { type ApiScope, type Role, type ServiceName } from './roles';

/**
 * Who may call one route. `public` (health, the OpenAPI document) and `device` (camera pushes,
 * which the controller checks against the device's own secret) need no token; every other rule
 * names the roles it admits. Integrators additionally need `apiScope` on their key; services
 * must be listed by name.
 */
export type Rule =
  | { readonly open: 'public' | 'device' }
  | {
      readonly roles: readonly Exclude<Role, 'service' | 'integrator'>[];
      /** Admits integrators whose API key carries this scope. */
      readonly apiScope?: ApiScope;
      /** Admits these services' own tokens. */
      readonly services?: readonly ServiceName[];
    };

/** One service's routes, keyed `METHOD /openapi/{style}/path`. */
export type ServicePolicy = Readonly<Record<string, Rule>>;

export type Decision = 'allow' | 'unauthenticated' | 'forbidden' | 'not-found';

/**
 * The single decision for a request: the rule of its route, the caller (undefined when no valid
 * token came) and the route's path parameters. Another tenant's resource is `not-found`, so a
 * caller learns nothing about what exists outside their scope.
 */
export function decide(
  rule: Rule | undefined,
  principal: Principal | undefined,
  params: Readonly<Record<string, string>>,
): Decision {
  if (rule === undefined) return principal ? 'forbidden' : 'unauthenticated'; // deny by default
  if ('open' in rule) return 'allow';
  if (!principal) return 'unauthenticated';
  if (!admits(rule, principal)) return 'forbidden';
  const enterpriseId = params['enterpriseId'];
  if (enterpriseId !== undefined && !coversEnterprise(principal, enterpriseId)) return 'not-found';
  return 'allow';
}

function admits(rule: Exclude<Rule, { open: unknown }>, principal: Principal): boolean {
  if (principal.role === 'service') return (rule.services ?? []).some((name) => name === principal.subject);
  if (principal.role === 'integrator')
    return rule.apiScope !== undefined && principal.scopes.includes(rule.apiScope);
  return rule.roles.includes(principal.role);
}

export function routeKey(method: string, openApiPath: string): string {
  return `${method.toUpperCase()} ${openApiPath}`;
}
