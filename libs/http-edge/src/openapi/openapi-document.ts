import { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type JsonSchema = Record<string, unknown>;

export interface RouteResponse {
  readonly description: string;
  /** The body's schema; omitted for an empty body. */
  readonly schema?: z.ZodType;
  readonly contentType?: string;
}

/** One route as the app registers it, with the zod schemas it validates with. */
export interface RouteDescriptor {
  readonly method: HttpMethod;
  /** Express/Nest style, `/enterprises/:enterpriseId/devices/:deviceId`. */
  readonly path: string;
  readonly summary: string;
  readonly operationId?: string;
  readonly tags?: readonly string[];
  /** Path parameters; every `:name` (or `*name`) not described here is documented as a plain string. */
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly bodyContentType?: string;
  readonly responses: Readonly<Record<number, RouteResponse>>;
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly description?: string;
}

export interface OpenApiOperation {
  readonly summary: string;
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: {
    readonly required: boolean;
    readonly content: Record<string, { readonly schema: JsonSchema }>;
  };
  readonly responses: Record<
    string,
    { readonly description: string; readonly content?: Record<string, { readonly schema: JsonSchema }> }
  >;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: OpenApiInfo;
  readonly paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
}

/** `/a/:id` → `/a/{id}`; a named wildcard `/a/*rest` (one or more segments) → `/a/{rest}`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/[:*](\w+)/g, '{$1}');

/**
 * JSON Schema of what a client sends (`input`: defaults make a field optional) or receives
 * (`output`). Refinements and transforms are not expressible; the base type is documented.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject | undefined, where: Parameter['in']): Parameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property['description'] === 'string' ? { description: property['description'] } : {}),
  }));
}

function operationOf(route: RouteDescriptor): OpenApiOperation {
  const described = parametersOf(route.params, 'path');
  const pathNames = [...route.path.matchAll(/[:*](\w+)/g)].map((m) => m[1] ?? '');
  const path = pathNames.map(
    (name): Parameter =>
      described.find((p) => p.name === name) ?? {
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      },
  );
  const parameters = [
    ...path,
    ...parametersOf(route.query, 'query'),
    ...parametersOf(route.headers, 'header'),
  ];
  const responses: OpenApiOperation['responses'] = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: {
                schema: jsonSchemaOf(response.schema, 'output'),
              },
            },
          }
        : {}),
    };
  }
  return {
    summary: route.summary,
    ...(route.operationId ? { operationId: route.operationId } : {}),
    ...(route.tags ? { tags: route.tags } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              [route.bodyContentType ?? 'application/json']: { schema: jsonSchemaOf(route.body, 'input') },
            },
          },
        }
      : {}),
    responses,
  };
}

/** An OpenAPI 3.1 document generated from the routes' own validation schemas, so it cannot drift. */
export function buildOpenApiDocument(info: OpenApiInfo, routes: readonly RouteDescriptor[]): OpenApiDocument {
  const paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const item = (paths[path] ??= {});
    if (item[route.method])
      throw new Error(`route ${route.method.toUpperCase()} ${route.path} is described twice`);
    item[route.method] = operationOf(route);
  }
  return { openapi: '3.1.0', info, paths };
}
