import { POLICY } from '@ecogate/auth';
import { ConsumerHealthModule } from '@ecogate/messaging';
import { registeredRoutes, serveOpenApi, undocumentedRoutes } from '@ecogate/http-edge';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type AddressInfo } from 'node:net';
import { BarrierControlApiModule } from '../api/barrier-control-api.module';
import { BarrierStateModule } from '../barrier-state/barrier-state.module';
import { type BarrierStateService } from '../barrier-state/barrier-state.service';
import { ManualControlModule } from '../manual-control/manual-control.module';
import { type ManualControlService } from '../manual-control/manual-control.service';
import { VzenithReplyModule } from '../vzenith-reply/vzenith-reply.module';
import { type VzenithReplyService } from '../vzenith-reply/vzenith-reply.service';
import { barrierControlOpenApi } from './barrier-control.openapi';

describe('barrier-control OpenAPI document', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    // The API module with the feature modules start-barrier-control registers; no request reaches a service.
    app = await NestFactory.create<NestExpressApplication>(
      BarrierControlApiModule.register([
        ConsumerHealthModule.register(() => ({ groupId: 'barrier-control', status: 'ok', stalled: [] })),
        ManualControlModule.register({} as ManualControlService),
        BarrierStateModule.register({} as BarrierStateService),
        VzenithReplyModule.register({} as VzenithReplyService),
      ]),
      { logger: false },
    );
    serveOpenApi(app, barrierControlOpenApi);
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app?.close());

  it('describes every route the app registers, and only those', () => {
    const routes = registeredRoutes(app);
    expect(routes.length).toBeGreaterThanOrEqual(4);
    expect(undocumentedRoutes(barrierControlOpenApi, routes)).toEqual([]);
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(barrierControlOpenApi.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((route) => !served.has(route))).toEqual([]);
  });

  it('serves the document at /openapi.json with the schemas used for validation', async () => {
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const served = (await (
      await fetch(`http://127.0.0.1:${port}/openapi.json`)
    ).json()) as typeof barrierControlOpenApi;
    const manual = served.paths['/api/v1/enterprises/{enterpriseId}/lanes/{laneId}/manual']?.post;
    expect(manual?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: ['action', 'reason'],
      properties: { action: { enum: ['release', 'refuse'] }, reason: { minLength: 1, maxLength: 200 } },
    });
    // Who acts comes from the bearer token, never from a header.
    expect(manual?.parameters).not.toContainEqual(expect.objectContaining({ name: 'x-operator-id' }));
    expect(manual?.parameters).toContainEqual(
      expect.objectContaining({ name: 'idempotency-key', in: 'header', required: true }),
    );
    const reply = served.paths['/api/v1/enterprises/{enterpriseId}/lanes/{laneId}/vzenith-reply']?.get;
    expect(reply?.parameters).toContainEqual(
      expect.objectContaining({ name: 'captureId', in: 'query', required: true }),
    );
  });

  it('has a rule in the policy table for every documented route, and names no identity header', () => {
    const operations = Object.entries(barrierControlOpenApi.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { parameters?: { name: string; in: string }[] }>).map(
        ([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation }),
      ),
    );
    expect(operations.map((o) => o.key).filter((key) => !(key in POLICY['barrier-control']))).toEqual([]);
    const headers = operations.flatMap((o) =>
      (o.operation.parameters ?? []).filter((p) => p.in === 'header'),
    );
    expect(headers.map((h) => h.name)).not.toContain('x-operator-id');
  });
});
