import { POLICY, routeKey } from '@ecogate/auth';
import { controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { type Type } from '@nestjs/common';
import { type OperatorDependencies, OperatorModule } from './operator.module';
import { uploadOpenApi } from './upload.openapi';

describe('provincial-upload OpenAPI document', () => {
  // The module the app is built from; only the controllers' decorators are read.
  const routes = controllerRoutes(
    (OperatorModule.register({} as OperatorDependencies).controllers ?? []) as Type[],
  );
  const documented = Object.entries(uploadOpenApi.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({ method, path })),
  );

  it('describes every route the app registers, and only those', () => {
    expect(routes.length).toBe(10);
    expect(undocumentedRoutes(uploadOpenApi, routes)).toEqual([]);
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    expect(documented.filter((r) => !served.has(`${r.method} ${r.path}`))).toEqual([]);
  });

  it('has a policy rule for every route, and none for a route that does not exist', () => {
    const keys = routes.map((r) => routeKey(r.method, r.path)).sort();
    expect(keys).toEqual(Object.keys(POLICY['provincial-upload']).sort());
  });

  it('documents queries and bodies from their validation schemas', () => {
    const records = uploadOpenApi.paths['/api/v1/enterprises/{enterpriseId}/upload/records']?.get;
    expect(records?.parameters).toContainEqual(
      expect.objectContaining({ name: 'state', in: 'query', required: false }),
    );
    const range = uploadOpenApi.paths['/api/v1/enterprises/{enterpriseId}/upload/re-push']?.post;
    expect(range?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: ['capturedFrom', 'capturedTo'],
      additionalProperties: false,
    });
    const correction =
      uploadOpenApi.paths['/api/v1/enterprises/{enterpriseId}/upload/records/{serial}/correction']?.post;
    expect(correction?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: ['changes'],
      properties: { changes: { properties: expect.objectContaining({ vin: expect.any(Object) }) } },
    });
    // The actor comes from the token: no operator header is documented any more.
    expect(JSON.stringify(uploadOpenApi)).not.toMatch(/x-operator-id/i);
  });
});
