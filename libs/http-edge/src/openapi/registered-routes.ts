import { type INestApplication } from '@nestjs/common';
import { type HttpMethod, type OpenApiDocument, openApiPath } from './openapi-document';

export interface RegisteredRoute {
  readonly method: string;
  /** OpenAPI style: `/a/{id}`. */
  readonly path: string;
}

interface ExpressLayer {
  readonly route?: { readonly path: unknown; readonly methods: Readonly<Record<string, boolean>> };
}

/** The routes an Express-based Nest app serves (after `init()`), read from Express's router. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const instance = app.getHttpAdapter().getInstance() as { router?: { stack?: readonly ExpressLayer[] } };
  const stack = instance.router?.stack ?? [];
  return stack.flatMap((layer) => {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') return [];
    const path = openApiPath(route.path);
    return Object.keys(route.methods)
      .filter((method) => method !== '_all' && method !== 'head' && route.methods[method])
      .map((method) => ({ method, path }));
  });
}

/** Registered routes the document does not describe (`GET /openapi.json` itself excepted). */
export function undocumentedRoutes(document: OpenApiDocument, routes: readonly RegisteredRoute[]): string[] {
  return routes
    .filter((r) => !(r.method === 'get' && r.path === OPENAPI_PATH))
    .filter((r) => !document.paths[r.path]?.[r.method as HttpMethod])
    .map((r) => `${r.method.toUpperCase()} ${r.path}`);
}

export const OPENAPI_PATH = '/openapi.json';
