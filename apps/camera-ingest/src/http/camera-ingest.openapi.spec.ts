import { controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { createLogger } from '@ecogate/telemetry';
import { type Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../app.module';
import { cameraIngestConfig } from '../config/camera-ingest.config';
import { cameraIngestOpenApi } from './camera-ingest.openapi';

describe('camera-ingest OpenAPI document', () => {
  // The module the app is built from (nothing is started: only the controllers' decorators are read).
  const module = AppModule.register(
    cameraIngestConfig.load({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db',
      KAFKA_BROKERS: '127.0.0.1:1',
      S3_ENDPOINT: 'http://127.0.0.1:1',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
      DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    }),
    createLogger({ service: 'openapi-spec', level: 'fatal' }),
  );
  const routes = controllerRoutes((module.controllers ?? []) as Type[]);

  it('describes every route the app registers', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(undocumentedRoutes(cameraIngestOpenApi, routes)).toEqual([]);
  });

  it('describes nothing the app does not serve', () => {
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(cameraIngestOpenApi.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((route) => !served.has(route))).toEqual([]);
  });

  it('takes request bodies from the validation schemas', () => {
    const create = cameraIngestOpenApi.paths['/enterprises/{enterpriseId}/devices']?.post;
    expect(create?.requestBody?.content['application/json']?.schema).toMatchObject({
      additionalProperties: false,
      required: expect.arrayContaining(['id', 'laneId', 'kind', 'vendor', 'name']),
      properties: { vendor: { enum: ['hikvision', 'vzenith', 'dahua', 'onvif', 'other'] } },
    });
    const push = cameraIngestOpenApi.paths['/push/{vendor}/{deviceId}']?.post;
    expect(push?.parameters).toContainEqual(
      expect.objectContaining({
        name: 'vendor',
        in: 'path',
        schema: { type: 'string', enum: ['hikvision', 'vzenith', 'dahua'] },
      }),
    );
  });
});
