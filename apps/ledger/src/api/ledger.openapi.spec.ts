import { POLICY } from '@ecogate/auth';
import { controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { type Type } from '@nestjs/common';
import { type LedgerDependencies, LedgerModule } from './ledger.module';
import { ledgerOpenApi } from './ledger.openapi';

describe('ledger OpenAPI document', () => {
  // The module the app is built from; only the controllers' decorators are read.
  const routes = controllerRoutes(
    (LedgerModule.register({} as LedgerDependencies).controllers ?? []) as Type[],
  );

  it('describes every route the app registers, and only those', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(undocumentedRoutes(ledgerOpenApi, routes)).toEqual([]);
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(ledgerOpenApi.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((route) => !served.has(route))).toEqual([]);
  });

  it('documents the passage search query from its validation schema', () => {
    const search = ledgerOpenApi.paths['/api/v1/enterprises/{enterpriseId}/passages']?.get;
    expect(search?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['enterpriseId', 'from', 'to', 'plate', 'stage', 'cursor', 'limit']),
    );
    expect(search?.parameters).toContainEqual(expect.objectContaining({ name: 'limit', required: false }));
  });

  it('has a rule in the policy table for every documented route, and names no identity header', () => {
    const operations = Object.entries(ledgerOpenApi.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { parameters?: { name: string; in: string }[] }>).map(
        ([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation }),
      ),
    );
    expect(operations.map((o) => o.key).filter((key) => !(key in POLICY['ledger']))).toEqual([]);
    const headers = operations.flatMap((o) =>
      (o.operation.parameters ?? []).filter((p) => p.in === 'header'),
    );
    expect(headers.map((h) => h.name)).not.toContain('x-operator-id');
  });

  it('declares the JSON body of every 2xx answer of the enterprise routes the console calls', () => {
    const bodiless = Object.entries(ledgerOpenApi.paths)
      .filter(([path]) => path.startsWith('/api/v1/enterprises/'))
      .flatMap(([path, item]) =>
        Object.entries(item).flatMap(([method, operation]) =>
          Object.entries(operation.responses)
            // A download (the inspection report's PDF) declares its own content type instead.
            .filter(
              ([status, response]) =>
                status.startsWith('2') &&
                !response.content?.['application/json'] &&
                !response.content?.['application/pdf'],
            )
            .map(([status]) => `${method} ${path} ${status}`),
        ),
      );
    expect(bodiless).toEqual([]);
    const photo =
      ledgerOpenApi.paths['/api/v1/enterprises/{enterpriseId}/passages/{passageId}/photos/{side}/{kind}'];
    expect(Object.keys(photo?.get?.responses ?? {})).toEqual(expect.arrayContaining(['302', '404']));
  });

  it('declares the city view by district with its body and a query of the period and district', () => {
    const districts = ledgerOpenApi.paths['/api/v1/statistics/districts']?.get;
    expect(districts?.responses['200']?.content?.['application/json']).toBeDefined();
    expect(districts?.parameters?.map((p) => p.name)).toEqual(['from', 'to', 'districtCode']);
  });

  it('documents the new passage filters', () => {
    const search = ledgerOpenApi.paths['/api/v1/enterprises/{enterpriseId}/passages']?.get;
    expect(search?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['direction', 'verdict', 'manual']),
    );
  });
});
