import { Body, Controller, Get, type INestApplication, Module, Param, Post, Put } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { buildOpenApiDocument, CodedErrorFilter } from '@ecogate/http-edge';
import pino from 'pino';
import { type ServicePolicy } from '../policy';
import { type Principal } from '../principal';
import { checkRouteMatrix, MATRIX_ENTERPRISE } from '../testing/route-matrix';
import { TestIssuer } from '../testing/test-issuer';
import { TokenVerifier } from '../token-verifier';
import { Caller } from './caller.decorator';
import { PolicyGuard } from './policy.guard';

const E = '/api/v1/enterprises/{enterpriseId}';
const policy: ServicePolicy = {
  'GET /health': { open: 'public' },
  [`GET ${E}/things`]: { roles: ['enterprise-staff', 'city-admin', 'inspector'], apiScope: 'passages:read' },
  [`PUT ${E}/things/{id}`]: { roles: ['enterprise-admin'], services: ['barrier-control'] },
  'POST /api/v1/operations/replay': { roles: ['city-operator'] },
};

const seen: Principal[] = [];

@Controller()
class ThingsController {
  @Get('health')
  health() {
    return { ok: true };
  }

  @Get('api/v1/enterprises/:enterpriseId/things')
  list(@Param('enterpriseId') enterpriseId: string, @Caller() caller: Principal) {
    seen.push(caller);
    return { enterpriseId, things: ['a'] };
  }

  @Put('api/v1/enterprises/:enterpriseId/things/:id')
  put(@Body() body: unknown) {
    return body;
  }

  @Post('api/v1/operations/replay')
  replay() {
    return { replayed: 0 };
  }

  /** Served but in no policy rule: refused to everyone. */
  @Get('api/v1/forgotten')
  forgotten() {
    return { secret: true };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const document = buildOpenApiDocument({ title: 'things', version: '1' }, [
  { method: 'get', path: '/health', summary: 'health', responses: { 200: { description: 'ok' } } },
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/things',
    summary: 'list',
    responses: { 200: { description: 'ok' } },
  },
  {
    method: 'put',
    path: '/api/v1/enterprises/:enterpriseId/things/:id',
    summary: 'put',
    responses: { 200: { description: 'ok' } },
  },
  {
    method: 'post',
    path: '/api/v1/operations/replay',
    summary: 'replay',
    responses: { 201: { description: 'ok' } },
  },
  {
    method: 'get',
    path: '/api/v1/forgotten',
    summary: 'forgotten',
    responses: { 200: { description: 'ok' } },
  },
]);

describe('PolicyGuard on a real Nest app', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    issuer = await TestIssuer.start(['barrier-control', 'ledger']);
    const log = pino({ level: 'silent' });
    app = await NestFactory.create(ThingsModule, { logger: false });
    app.useGlobalGuards(new PolicyGuard(policy, new TokenVerifier(issuer.verifierOptions), log));
    app.useGlobalFilters(new CodedErrorFilter(log, {}));
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await issuer.close();
  });

  it('answers every caller of every documented route as the policy says', async () => {
    const result = await checkRouteMatrix(url, document, policy, issuer);
    expect(result.mismatches).toEqual([]);
    expect(result.unlisted).toEqual(['GET /api/v1/forgotten']);
    expect(result.calls).toBeGreaterThan(50);
  });

  it('refuses a route missing from the policy even to a city-admin', async () => {
    const response = await fetch(`${url}/api/v1/forgotten`, {
      headers: { authorization: await issuer.bearer({ role: 'city-admin' }) },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'forbidden' });
  });

  it('hands the verified caller to the controller, whatever identity headers came along', async () => {
    seen.length = 0;
    const response = await fetch(`${url}/api/v1/enterprises/${MATRIX_ENTERPRISE}/things`, {
      headers: {
        authorization: await issuer.bearer({
          role: 'enterprise-staff',
          subject: 'gatekeeper-7',
          enterprises: [MATRIX_ENTERPRISE],
        }),
        'x-operator-id': 'city-admin',
      },
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual([expect.objectContaining({ subject: 'gatekeeper-7', role: 'enterprise-staff' })]);
  });

  it('answers 401 with a Bearer challenge to a header claiming identity without a token', async () => {
    const response = await fetch(`${url}/api/v1/enterprises/${MATRIX_ENTERPRISE}/things`, {
      headers: { 'x-operator-id': 'admin' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('admits a service only on the routes that name it', async () => {
    const put = (bearer: string) =>
      fetch(`${url}/api/v1/enterprises/${MATRIX_ENTERPRISE}/things/t1`, {
        method: 'PUT',
        headers: { authorization: bearer, 'content-type': 'application/json' },
        body: '{"a":1}',
      });
    expect((await put(await issuer.serviceBearer('barrier-control'))).status).toBe(200);
    expect((await put(await issuer.serviceBearer('ledger'))).status).toBe(403);
  });
});
