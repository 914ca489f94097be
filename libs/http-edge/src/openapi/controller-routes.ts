import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { openApiPath } from './openapi-document';
import { type RegisteredRoute } from './registered-routes';

const segments = (path: unknown): string[] =>
  (Array.isArray(path) ? path : [path])
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.replace(/^\/+|\/+$/g, ''));

/**
 * The routes Nest will register for these controllers (no global prefix), read from their
 * decorators: lets an app's document be checked without starting its databases.
 */
export function controllerRoutes(controllers: readonly Type[]): RegisteredRoute[] {
  return controllers.flatMap((controller) => {
    const bases = segments(Reflect.getMetadata(PATH_METADATA, controller));
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') return [];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (paths === undefined || verb === undefined) return [];
      const method = RequestMethod[verb].toLowerCase();
      return bases.flatMap((base) =>
        segments(paths).map((path) => ({
          method,
          path: openApiPath(`/${[base, path].filter(Boolean).join('/')}`),
        })),
      );
    });
  });
}
