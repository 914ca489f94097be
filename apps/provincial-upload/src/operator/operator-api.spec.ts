import { type AddressInfo } from 'node:net';
import {
  API_SCOPES,
  PERSON_ROLES,
  POLICY,
  type Principal,
  type Rule,
  SERVICE_NAMES,
  TestIssuer,
  forgedBearers,
} from '@ecogate/auth';
import { type ConsumerHealth } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type CorrectRecordService } from '../correct-record/correct-record.service';
import { type DeliveryReportService } from '../delivery-report/delivery-report.service';
import { PlatformStatus } from '../dispatch/platform-status';
import { type ResumeDeliveryService } from '../dispatch/resume-delivery.service';
import { type RePushService } from '../re-push/re-push.service';
import { createOperatorApp } from './operator-app';

// The operator API as the service builds it (guard, error filter, document) over recording fakes:
// what reaches the services, with which actor, and what never does. The real services run in
// upload-auth.int-spec.ts.

const calls: { service: string; args: unknown[] }[] = [];
const record =
  (service: string, answer: unknown) =>
  async (...args: unknown[]) => (calls.push({ service, args }), answer);

let intake: ConsumerHealth = { groupId: 'provincial-upload', status: 'ok', stalled: [] };

const deps = {
  health: () => intake,
  reports: {
    backlog: record('backlog', { enterpriseId: 'ent-a', backlog: 7 }),
    transmissionRate: record('transmissionRate', [{ day: '2026-12-06', rate: 1 }]),
    records: record('records', [{ serial: 'S-1' }]),
    record: record('record', { serial: 'S-1', passage: { plate: '冀B12345' } }),
  } as unknown as DeliveryReportService,
  rePush: { execute: record('rePush', { queued: 1 }) } as unknown as RePushService,
  correct: {
    execute: record('correct', { serial: 'S-1', state: 'pending' }),
  } as unknown as CorrectRecordService,
  status: new PlatformStatus(),
  resume: { execute: record('resume', { delivering: true }) } as unknown as ResumeDeliveryService,
};

const E = '/api/v1/enterprises/{enterpriseId}';
/** A valid request for each route of the policy, on enterprise `ent-a`. */
const REQUESTS: Record<string, { path: string; body?: unknown }> = {
  'GET /health': { path: '/health' },
  [`GET ${E}/upload/backlog`]: { path: '/api/v1/enterprises/ent-a/upload/backlog' },
  [`GET ${E}/upload/transmission-rate`]: { path: '/api/v1/enterprises/ent-a/upload/transmission-rate' },
  [`GET ${E}/upload/records`]: { path: '/api/v1/enterprises/ent-a/upload/records' },
  [`GET ${E}/upload/records/{serial}`]: { path: '/api/v1/enterprises/ent-a/upload/records/S-1' },
  [`POST ${E}/upload/records/{serial}/re-push`]: {
    path: '/api/v1/enterprises/ent-a/upload/records/S-1/re-push',
  },
  [`POST ${E}/upload/re-push`]: {
    path: '/api/v1/enterprises/ent-a/upload/re-push',
    body: { capturedFrom: '2026-12-01T00:00:00+08:00', capturedTo: '2026-12-02T00:00:00+08:00' },
  },
  [`POST ${E}/upload/records/{serial}/correction`]: {
    path: '/api/v1/enterprises/ent-a/upload/records/S-1/correction',
    body: { changes: { vin: 'LFWSRXRJ8M1E00009' } },
  },
  'GET /api/v1/upload/status': { path: '/api/v1/upload/status' },
  'POST /api/v1/upload/status/resume': { path: '/api/v1/upload/status/resume' },
};
const CHANGES = Object.keys(REQUESTS).filter((route) => route.startsWith('POST'));

describe('provincial-upload operator API behind the policy guard', () => {
  let issuer: TestIssuer;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    issuer = await TestIssuer.start([...SERVICE_NAMES]);
    app = await createOperatorApp(
      deps,
      issuer.verifierOptions,
      createLogger({ service: 'operator-api-spec', level: 'silent' }),
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });
  beforeEach(() => (calls.length = 0));

  async function call(route: string, headers: Record<string, string> = {}) {
    const request = REQUESTS[route]!;
    const response = await fetch(`${base}${request.path}`, {
      method: route.split(' ')[0],
      headers: { 'content-type': 'application/json', ...headers },
      ...(request.body ? { body: JSON.stringify(request.body) } : {}),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }
  const as = async (principal: Partial<Principal> & Pick<Principal, 'role'>) => ({
    authorization: await issuer.bearer(principal),
  });

  it('has a request here for every route of the policy', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(POLICY['provincial-upload']).sort());
  });

  it('GET /health answers without a token: 200 ok, 503 while the intake waits for its database', async () => {
    expect(await call('GET /health')).toMatchObject({
      status: 200,
      body: { status: 'ok', consumer: intake },
    });
    const stalled = {
      topic: 'ledger.passage.recorded.v1',
      partition: 0,
      since: '2026-12-07T08:00:00Z',
      waits: 3,
    };
    const cause = { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', retriable: true, name: 'Error' };
    intake = { ...intake, status: 'degraded', stalled: [{ ...stalled, cause }] };
    try {
      expect(await call('GET /health')).toMatchObject({
        status: 503,
        body: { status: 'degraded', consumer: { stalled: [stalled] } },
      });
    } finally {
      intake = { ...intake, status: 'ok', stalled: [] };
    }
    expect(calls).toEqual([]);
  });

  const guarded = Object.entries(POLICY['provincial-upload'] as Record<string, Rule>).flatMap(
    ([route, rule]) => ('open' in rule ? [] : [[route, rule.roles] as const]),
  );
  describe.each(guarded)('%s', (route, admitted) => {
    it('answers 401 with a Bearer challenge, and reaches nothing, without a valid token', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { 'x-operator-id': 'op.li' },
        { authorization: 'Bearer not-a-jwt' },
      ];
      for (const [why, authorization] of Object.entries(await forgedBearers(issuer)))
        attempts.push({ authorization, 'x-forged': why });
      for (const headers of attempts) {
        const answer = await call(route, headers);
        expect({ headers, status: answer.status, body: answer.body }).toEqual({
          headers,
          status: 401,
          body: { code: 'unauthenticated', reason: 'a valid bearer token is required' },
        });
        expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      }
      expect(calls).toEqual([]);
    });

    it.each(PERSON_ROLES)('%s: admitted only as the policy says', async (role) => {
      const enterprises = role.startsWith('city-') ? '*' : ['ent-a'];
      const answer = await call(route, await as({ role, enterprises }));
      if ((admitted as readonly string[]).includes(role)) {
        expect(answer.status).toBeLessThan(300);
        // The status is read from `PlatformStatus` itself; every other route calls one service.
        if (route === 'GET /api/v1/upload/status') expect(answer.body).toMatchObject({ delivering: true });
        else expect(calls).toHaveLength(1);
      } else {
        expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden' } });
        expect(calls).toEqual([]);
      }
    });

    it('refuses integrators (whatever their scopes) and other services with 403', async () => {
      const integrator = await as({ role: 'integrator', enterprises: ['ent-a'], scopes: [...API_SCOPES] });
      expect((await call(route, integrator)).status).toBe(403);
      for (const service of SERVICE_NAMES)
        expect((await call(route, { authorization: await issuer.serviceBearer(service) })).status).toBe(403);
      expect(calls).toEqual([]);
    });
  });

  it("answers another enterprise's staff 404 with no data", async () => {
    const routes = Object.keys(REQUESTS).filter((route) => route.includes('{enterpriseId}'));
    for (const route of routes) {
      const answer = await call(route, await as({ role: 'enterprise-admin', enterprises: ['ent-b'] }));
      expect({ route, ...answer, headers: undefined }).toEqual({
        route,
        status: 404,
        headers: undefined,
        body: { code: 'enterprise-not-found', reason: 'no such enterprise' },
      });
    }
    expect(calls).toEqual([]);
  });

  it.each(CHANGES)('%s: the actor is the token subject, never the X-Operator-Id header', async (route) => {
    const role = route.includes('correction') ? 'enterprise-staff' : 'city-operator';
    const enterprises = role === 'city-operator' ? '*' : ['ent-a'];
    const headers = {
      ...(await as({ role, enterprises, subject: 'u-1001' })),
      'x-operator-id': 'someone.else',
    };
    expect((await call(route, headers)).status).toBe(202);
    expect(calls).toHaveLength(1);
    const args = calls[0]?.args ?? [];
    const actor = args.find(
      (arg) => typeof arg === 'object' && arg !== null && ('subject' in arg || 'actor' in arg),
    );
    expect(actor).toMatchObject(
      route.includes('correction') ? { actor: 'u-1001' } : { subject: 'u-1001', role },
    );
    expect(JSON.stringify(args)).not.toContain('someone.else');
  });

  it('serves its OpenAPI document without a token', async () => {
    const response = await fetch(`${base}/openapi.json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { info: { title: string } }).info.title).toBe(
      'Ecogate provincial upload',
    );
  });
});
