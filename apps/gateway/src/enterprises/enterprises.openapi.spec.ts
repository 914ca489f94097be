import { buildOpenApiDocument, controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { POLICY, routeKey } from '@ecogate/auth';
import { OidcController } from '../oidc/oidc.controller';
import { oidcRoutes } from '../oidc/oidc.openapi';
import { EnterprisesController } from './enterprises.controller';
import { enterpriseRoutes } from './enterprises.openapi';

describe('enterprise directory and sign-on routes', () => {
  const served = controllerRoutes([EnterprisesController, OidcController]);
  const document = buildOpenApiDocument({ title: 'gateway (part)', version: '1' }, [
    ...enterpriseRoutes,
    ...oidcRoutes,
  ]);

  it('documents every route the controllers register', () => {
    expect(served).toHaveLength(7);
    expect(undocumentedRoutes(document, served)).toEqual([]);
  });

  it('has a rule for every route in the policy table', () => {
    const table: Readonly<Record<string, unknown>> = POLICY.gateway;
    expect(served.map((route) => routeKey(route.method, route.path)).filter((key) => !table[key])).toEqual(
      [],
    );
  });
});
