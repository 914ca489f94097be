import { POLICY, routeKey } from '@ecogate/auth';
import { controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { createLogger } from '@ecogate/telemetry';
import { type Type } from '@nestjs/common';
import { AppModule } from '../app.module';
import { plateRecognitionConfig } from '../config/plate-recognition.config';
import { plateRecognitionOpenApi } from './plate-recognition.openapi';

describe('plate-recognition OpenAPI document', () => {
  // The module the app is built from, Kafka path included; only the controllers' decorators are read.
  const config = plateRecognitionConfig.load({
    AUTH_JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
    KAFKA_BROKERS: '127.0.0.1:9092',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_ACCESS_KEY: 'spec',
    S3_SECRET_KEY: 'spec-secret',
  });
  const appModule = AppModule.register(config, createLogger({ service: 'openapi-spec', level: 'silent' }));
  const routes = controllerRoutes((appModule.controllers ?? []) as Type[]);

  it('describes every HTTP route the app registers, and only those', () => {
    expect(routes.map((r) => routeKey(r.method, r.path)).sort()).toEqual([
      'GET /health',
      'POST /documents/driving-licence/read',
      'POST /documents/inventory-list/read',
      'POST /recognize',
    ]);
    expect(undocumentedRoutes(plateRecognitionOpenApi, routes)).toEqual([]);
    const documented = Object.entries(plateRecognitionOpenApi.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => routeKey(method, path)),
    );
    expect(documented.sort()).toEqual(routes.map((r) => routeKey(r.method, r.path)).sort());
  });

  it('has a policy rule for every route, and none for a route that does not exist', () => {
    expect(Object.keys(POLICY['plate-recognition']).sort()).toEqual(
      routes.map((r) => routeKey(r.method, r.path)).sort(),
    );
  });

  it('documents the licence reader: every image type, its answer’s schema, its refusals', () => {
    const licence = plateRecognitionOpenApi.paths['/documents/driving-licence/read']?.post;
    expect(Object.keys(licence?.requestBody?.content ?? {})).toEqual(
      expect.arrayContaining(['image/jpeg', 'image/png', 'image/bmp', 'multipart/form-data']),
    );
    expect(JSON.stringify(licence?.responses?.['200'])).toContain('registrationDate');
    expect(Object.keys(licence?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '413', '415', '422', '503']),
    );
  });

  it('documents the 随车清单 reader: every image type, its answer’s schema, its refusals', () => {
    const list = plateRecognitionOpenApi.paths['/documents/inventory-list/read']?.post;
    expect(Object.keys(list?.requestBody?.content ?? {})).toEqual(
      expect.arrayContaining(['image/jpeg', 'image/png', 'image/bmp', 'multipart/form-data']),
    );
    const answer = JSON.stringify(list?.responses?.['200']);
    for (const word of ['disclosureNumber', 'qrText', 'no-qr-code', 'not-an-inventory-list-code'])
      expect(answer).toContain(word);
    expect(Object.keys(list?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '422', '503']),
    );
  });

  it('documents every way /recognize takes an image, and the mode', () => {
    const recognize = plateRecognitionOpenApi.paths['/recognize']?.post;
    expect(Object.keys(recognize?.requestBody?.content ?? {}).sort()).toEqual(
      ['image/bmp', 'image/jpeg', 'image/png', 'image/x-bmp', 'image/x-ms-bmp', 'multipart/form-data'].sort(),
    );
    expect(recognize?.parameters).toEqual([
      expect.objectContaining({
        name: 'mode',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ enum: ['scene', 'crop'] }),
      }),
    ]);
    expect(Object.keys(recognize?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '422', '500', '503']),
    );
  });
});
