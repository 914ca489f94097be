import { POLICY } from '@ecogate/auth';
import { controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { type Type } from '@nestjs/common';
import { type GatewayDeps } from './deps';
import { GatewayModule } from './gateway.module';
import { gatewayOpenApi } from './gateway.openapi';

describe('gateway routes', () => {
  const routes = controllerRoutes((GatewayModule.register({} as GatewayDeps).controllers ?? []) as Type[]);
  const served = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();

  it('are all in the gateway section of the policy table, and the table names no other', () => {
    expect(served).toEqual(Object.keys(POLICY.gateway).sort());
  });

  it('are all documented, and the document describes no other', () => {
    expect(undocumentedRoutes(gatewayOpenApi, routes)).toEqual([]);
    const documented = Object.entries(gatewayOpenApi.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(served);
  });
});
