import { type HttpMethod, type OpenApiDocument } from '@ecogate/http-edge';
import { routeKey, type Rule, type ServicePolicy } from './policy';

/** The policy's word on one route, as an OpenAPI extension a reader (and the route matrix) can use. */
export interface RouteAccess {
  readonly open?: 'public' | 'device';
  readonly roles?: readonly string[];
  readonly apiScope?: string;
  readonly services?: readonly string[];
}

export function routeAccess(rule: Rule | undefined): RouteAccess {
  if (rule === undefined) return { roles: [] };
  if ('open' in rule) return { open: rule.open };
  return {
    roles: rule.roles,
    ...(rule.apiScope ? { apiScope: rule.apiScope } : {}),
    ...(rule.services ? { services: rule.services } : {}),
  };
}

/**
 * The service's OpenAPI document with its access rules: a bearer scheme, `security: []` on open
 * routes, and `x-ecogate-access` (roles, API scope, services) on every operation, so what a client
 * reads is what the guard enforces.
 */
export function withPolicy(document: OpenApiDocument, policy: ServicePolicy): OpenApiDocument {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const rule = policy[routeKey(method, path)];
          const open = rule !== undefined && 'open' in rule;
          return [
            method as HttpMethod,
            { ...operation, ...(open ? { security: [] } : {}), 'x-ecogate-access': routeAccess(rule) },
          ];
        }),
      ),
    ]),
  );
  return {
    ...document,
    paths,
    components: {
      ...(document as { components?: Record<string, unknown> }).components,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'ES256 token signed by the gateway (people, API keys) or by a service (its own calls)',
        },
      },
    },
    security: [{ bearer: [] }],
  } as OpenApiDocument;
}
