import { POLICY, routeKey } from '@ecogate/auth';
import {
  controllerRoutes,
  type OpenApiDocument,
  type RegisteredRoute,
  undocumentedRoutes,
} from '@ecogate/http-edge';
import { createLogger } from '@ecogate/telemetry';
import { type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { ApiHttpModule } from './api-http.module';
import { cameraIngestApiOpenApi, cameraIngestPushOpenApi } from './camera-ingest.openapi';
import { PushHttpModule } from './push-http.module';

describe('camera-ingest OpenAPI documents, one per listener', () => {
  // The listeners' modules as the app builds them; only the controllers' decorators are read.
  const core = { get: () => ({}) } as unknown as INestApplicationContext;
  const logger = createLogger({ service: 'openapi-spec', level: 'fatal' });
  const routesOf = (module: DynamicModule) => controllerRoutes((module.controllers ?? []) as Type[]);
  const push = routesOf(PushHttpModule.register(core, logger));
  const api = routesOf(ApiHttpModule.register(core, logger));
  const documented = (document: OpenApiDocument) =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
  const served = (routes: readonly RegisteredRoute[]) => routes.map((r) => `${r.method} ${r.path}`);

  it.each([
    ['push', push, cameraIngestPushOpenApi, 3],
    ['API', api, cameraIngestApiOpenApi, 8],
  ] as const)(
    'the %s listener documents every route it registers, and only those',
    (_name, routes, document, min) => {
      expect(routes.length).toBeGreaterThanOrEqual(min);
      expect(undocumentedRoutes(document, routes)).toEqual([]);
      expect(documented(document).filter((route) => !served(routes).includes(route))).toEqual([]);
    },
  );

  it('keeps the registry off the push listener and pushes off the API listener', () => {
    expect(served(push).filter((route) => route.includes('/enterprises/'))).toEqual([]);
    expect(served(api).every((route) => route.includes(' /api/v1/enterprises/{enterpriseId}/'))).toBe(true);
  });

  it('has a rule in POLICY for every route of both listeners, and a token-free one only on the push side', () => {
    const policy: Readonly<Record<string, unknown>> = POLICY['camera-ingest'];
    const rule = (r: RegisteredRoute) => policy[routeKey(r.method, r.path)];
    expect([...push, ...api].filter((r) => rule(r) === undefined)).toEqual([]);
    expect(api.filter((r) => 'open' in (rule(r) as object))).toEqual([]);
  });

  it('takes request bodies from the validation schemas', () => {
    const create = cameraIngestApiOpenApi.paths['/api/v1/enterprises/{enterpriseId}/devices']?.post;
    expect(create?.requestBody?.content['application/json']?.schema).toMatchObject({
      additionalProperties: false,
      // A lane device names its lane, a loading-area camera its site: neither is required by the schema alone.
      required: expect.arrayContaining(['id', 'kind', 'vendor', 'name']),
      properties: {
        laneId: expect.anything(),
        siteId: expect.anything(),
        vendor: { enum: ['hikvision', 'vzenith', 'dahua', 'onvif', 'other'] },
      },
    });
    const pushRoute = cameraIngestPushOpenApi.paths['/push/{vendor}/{deviceId}']?.post;
    expect(pushRoute?.parameters).toContainEqual(
      expect.objectContaining({
        name: 'vendor',
        in: 'path',
        schema: { type: 'string', enum: ['hikvision', 'vzenith', 'dahua'] },
      }),
    );
  });
});
