import { POLICY } from '@ecogate/auth';
import { controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { type DynamicModule, type Type } from '@nestjs/common';
import { type GatewayDeps } from './deps';
import { GatewayModule, type GatewayParts } from './gateway.module';
import { gatewayOpenApi } from './gateway.openapi';

/** The module's controllers and those of the modules it mounts (directory, single sign-on, signed links). */
function controllersOf(module: DynamicModule): Type[] {
  return [
    ...((module.controllers ?? []) as Type[]),
    ...((module.imports ?? []) as DynamicModule[]).flatMap(controllersOf),
  ];
}

describe('gateway routes', () => {
  const routes = controllerRoutes(
    controllersOf(
      // Every part mounted: signed links are served in the embedded profile only, the console where configured.
      GatewayModule.register(
        {} as GatewayDeps,
        {
          directory: {},
          oidc: {},
          live: {},
          objects: {},
          console: {},
        } as unknown as GatewayParts,
      ),
    ),
  );
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
