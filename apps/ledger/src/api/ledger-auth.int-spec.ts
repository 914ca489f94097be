import { createHash } from 'node:crypto';
import { checkRouteMatrix, POLICY } from '@ecogate/auth';
import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import { type OpenApiDocument } from '@ecogate/http-edge';
import { type ApiAnswer, type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { memberOf, type TestCaller } from '../testing/ledger-test-kit';

jest.setTimeout(60_000);

/**
 * The ledger's API behind the policy guard, against the real service: every identity comes from a
 * token the service verifies itself (the issuer's JWKS on 127.0.0.1), never from a header.
 */
const A = 'ent-auth-a';
const B = 'ent-auth-b';
const PLATE = '冀B77001';
const vehiclePath = (enterprise: string, plate = PLATE) =>
  `/enterprises/${enterprise}/vehicles/${encodeURIComponent(plate)}`;
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const confirmedVi = {
  plateColour: 'yellow',
  stageEvidence: { stage: 'VI', source: 'manual', confirmed: true },
};

let ledger: LedgerHarness;
const adminA = memberOf(A, 'enterprise-admin', 'admin-a');
const staffA = memberOf(A, 'enterprise-staff', 'gatekeeper-a');
const adminB = memberOf(B, 'enterprise-admin', 'admin-b');
const staffB = memberOf(B, 'enterprise-staff', 'gatekeeper-b');
const cityOperator: TestCaller = { role: 'city-operator', subject: 'ops-1' };

/** A 401 says nothing but "bring a bearer token". */
function expectUnauthenticated(answer: ApiAnswer): void {
  expect(answer.status).toBe(401);
  expect(answer.headers.get('www-authenticate')).toBe('Bearer');
  expect(answer.body).toEqual({ code: 'unauthenticated', reason: 'a valid bearer token is required' });
}

const audits = (enterpriseId: string, entityType: string): Promise<{ actor: string; action: string }[]> =>
  ledger.service.dataSource.query(
    `SELECT "actor", "action" FROM "audit_log" WHERE "enterprise_id" = $1 AND "entity_type" = $2 ORDER BY "at"`,
    [enterpriseId, entityType],
  );

beforeAll(async () => {
  ledger = await startLedgerHarness();
  // The vehicle of enterprise A every attack below aims at, registered by A's own admin (stage V).
  const registered = await ledger.as(adminA)(
    vehiclePath(A),
    json('PUT', { plateColour: 'yellow', stageEvidence: { stage: 'V', source: 'document' } }),
  );
  expect(registered.status).toBe(200);
});
afterAll(() => ledger?.close());

describe('authentication', () => {
  it('answers 401 with WWW-Authenticate: Bearer without a token, and reads nothing', async () => {
    expectUnauthenticated(await ledger.anonymous(vehiclePath(A)));
    expectUnauthenticated(await ledger.anonymous(`/enterprises/${A}/passages`));
    expectUnauthenticated(await ledger.anonymous('/operations/dead-letters'));
    expectUnauthenticated(
      await ledger.anonymous(vehiclePath(A), { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }),
    );
  });

  it('ignores X-Operator-Id: a header naming someone is no identity (401, nothing written)', async () => {
    const spoofed = await ledger.anonymous(vehiclePath(A), {
      ...json('PUT', confirmedVi),
      headers: { 'content-type': 'application/json', 'x-operator-id': 'admin-a' },
    });
    expectUnauthenticated(spoofed);
    expect((await ledger.api(vehiclePath(A))).body).toMatchObject({ stage: { stage: 'V' } });
  });

  it('refuses forged tokens: alg none, an untrusted key, expired, another audience, a person as a service', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'ecogate-gateway',
      aud: 'ecogate-services',
      sub: 'mallory',
      name: 'mallory',
      role: 'city-admin',
      ent: '*',
      iat: now,
      exp: now + 120,
    };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'untrusted key': await ledger.issuer.forge(claims, { key: 'untrusted' }),
      expired: await ledger.issuer.forge({ ...claims, iat: now - 400, exp: now - 100 }),
      'wrong audience': await ledger.issuer.forge({ ...claims, aud: 'some-other-api' }),
      'wrong issuer': await ledger.issuer.forge({ ...claims, iss: 'someone-else' }),
      'beyond the lifetime limit': await ledger.issuer.forge({ ...claims, exp: now + 86_400 }),
      'service role from the gateway key': await ledger.issuer.forge({
        ...claims,
        sub: 'barrier-control',
        role: 'service',
      }),
      'service token signed by another key': await ledger.issuer.forge(
        { ...claims, iss: 'ecogate-service', sub: 'barrier-control', role: 'service' },
        { key: 'untrusted', kid: 'barrier-control' },
      ),
    };
    // The signature part of a real token, re-attached to a payload that says otherwise.
    const [header, , signature] = (await ledger.issuer.bearer(adminA)).slice('Bearer '.length).split('.');
    const tampered = `${header}.${b64({ ...claims, role: 'enterprise-admin', ent: [A] })}.${signature}`;
    for (const [what, token] of Object.entries({ ...forged, tampered })) {
      const answer = await ledger.anonymous(vehiclePath(A), {
        ...json('PUT', confirmedVi),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      });
      expect({ what, status: answer.status }).toEqual({ what, status: 401 });
    }
    expect((await ledger.api(vehiclePath(A))).body).toMatchObject({ stage: { stage: 'V' } });
    expect((await audits(A, 'vehicle')).map((a) => a.actor)).toEqual(['admin-a']);
  });
});

describe('roles and tenants', () => {
  it('answers another enterprise 404 with no data, and the wrong role 403', async () => {
    const foreign = await ledger.as(staffB)(vehiclePath(A));
    expect(foreign).toMatchObject({ status: 404, body: { code: 'enterprise-not-found' } });
    expect(JSON.stringify(foreign.body)).not.toContain(PLATE);
    expect((await ledger.as(adminB)(`/enterprises/${A}/passages`)).status).toBe(404);
    // Own enterprise, but the registry is the admin's: a gatekeeper may read it, not write it.
    expect((await ledger.as(staffA)(vehiclePath(A))).status).toBe(200);
    expect(await ledger.as(staffA)(vehiclePath(A), json('PUT', confirmedVi))).toMatchObject({
      status: 403,
      body: { code: 'forbidden' },
    });
  });

  it('attack: a gatekeeper of another enterprise records a confirmed 国VI stage for A’s vehicle', async () => {
    const attack = await ledger.as(staffB)(vehiclePath(A), json('PUT', confirmedVi));
    expect(attack.status).toBe(403);
    // Even with the admin role, B's admin reaches nothing of A's.
    expect((await ledger.as(adminB)(vehiclePath(A), json('PUT', confirmedVi))).status).toBe(404);
    const vehicle = await ledger.as(adminA)(vehiclePath(A));
    expect(vehicle.body).toMatchObject({ stage: { stage: 'V', source: 'document' } });
    expect((vehicle.body as { evidence: unknown[] }).evidence).toHaveLength(1);
    expect((await audits(A, 'vehicle')).map((a) => a.actor)).toEqual(['admin-a']);
  });

  it('records the token’s subject as the actor: the confirmed stage and its audit name the admin', async () => {
    // Subjects are up to 128 of [A-Za-z0-9_.:@-]; the audit keeps them whole.
    const subject = `user:${'a'.repeat(100)}@ent-auth-a.example`;
    const admin = { ...memberOf(A, 'enterprise-admin', subject), name: '王工' };
    const plate = '冀B77002';
    const done = await ledger.as(admin)(vehiclePath(A, plate), json('PUT', confirmedVi));
    expect(done.status).toBe(200);
    expect((await ledger.as(admin)(vehiclePath(A, plate))).body).toMatchObject({
      stage: { stage: 'VI', source: 'manual', confirmedBy: subject },
    });
    const rows: { actor: string }[] = await ledger.service.dataSource.query(
      `SELECT "actor" FROM "audit_log" WHERE "enterprise_id" = $1 AND "entity_id" LIKE $2`,
      [A, `%${plate}%`],
    );
    expect(rows).toEqual([{ actor: subject }]);
  });

  it('attack: an enterprise-admin sets the alert level to none (only the city may)', async () => {
    const city = { role: 'city-admin', subject: 'city-officer-7' } as const;
    expect(
      (await ledger.as(city)(`/enterprises/${A}/alert-level`, json('PUT', { level: 'red' }))).status,
    ).toBe(200);
    const attack = await ledger.as(adminA)(`/enterprises/${A}/alert-level`, json('PUT', { level: 'none' }));
    expect(attack).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await ledger.as(staffA)(`/enterprises/${A}/alert-level`)).body).toMatchObject({
      level: 'red',
      setBy: 'city-officer-7',
    });
    expect(await audits(A, 'alert-level')).toEqual([{ actor: 'city-officer-7', action: 'set' }]);
  });

  it('attack: another enterprise replaces A’s emergency plan', async () => {
    const plan = (enterpriseId: string) => {
      const { enterpriseId: _e, ...rest } = buildDefaultEmergencyPlan({
        enterpriseId,
        cargoVolume: { band: '10-or-more' },
      });
      return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
    };
    const filed = await ledger.as(adminA)(`/enterprises/${A}/emergency-plan`, json('PUT', plan(A)));
    expect(filed).toMatchObject({ status: 200, body: { revision: 1, filedBy: 'admin-a' } });
    const attack = await ledger.as(adminB)(
      `/enterprises/${A}/emergency-plan`,
      json('PUT', { ...plan(A), expectedRevision: 1 }),
    );
    expect(attack).toMatchObject({ status: 404, body: { code: 'enterprise-not-found' } });
    // A gatekeeper of A is no plan author either.
    expect((await ledger.as(staffA)(`/enterprises/${A}/emergency-plan`, json('PUT', plan(A)))).status).toBe(
      403,
    );
    expect((await ledger.api(`/enterprises/${A}/emergency-plan`)).body).toMatchObject({
      revision: 1,
      filedBy: 'admin-a',
    });
    expect(await audits(A, 'emergency-plan')).toEqual([{ actor: 'admin-a', action: 'file' }]);
  });

  it('attack: a city operator fetches a 行驶证 scan (personal data): 403, no link', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const documentPath = `${vehiclePath(A)}/documents/driving-licence`;
    const stored = await ledger.as(staffA)(documentPath, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: new Uint8Array(pdf),
    });
    expect(stored).toMatchObject({
      status: 200,
      body: { sha256: createHash('sha256').update(pdf).digest('hex') },
    });
    const attack = await ledger.as(cityOperator)(documentPath);
    expect(attack).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(JSON.stringify(attack.body)).not.toMatch(/https?:/);
    expect((await ledger.as(staffB)(documentPath)).status).toBe(404);
    expect(
      (await ledger.as({ role: 'inspector', subject: 'insp-1', enterprises: [A] })(documentPath)).status,
    ).toBe(200);
    expect((await audits(A, 'vehicle')).find((a) => a.action === 'attach-driving-licence')).toEqual({
      actor: 'gatekeeper-a',
      action: 'attach-driving-licence',
    });
  });

  it('attack: an enterprise-admin replays dead letters (the city operators’ route)', async () => {
    const body = { ids: ['0:999999'], reason: 'let me in' };
    for (const caller of [adminA, { role: 'city-admin', subject: 'city-admin-9' } as const]) {
      expect(await ledger.as(caller)('/operations/dead-letters/replay', json('POST', body))).toMatchObject({
        status: 403,
        body: { code: 'forbidden' },
      });
    }
    expect((await ledger.as(adminA)('/operations/dead-letters')).status).toBe(403);
    // The operator gets through to the replay itself (an unknown id is skipped, not refused).
    const replayed = await ledger.as(cityOperator)('/operations/dead-letters/replay', json('POST', body));
    expect(replayed).toMatchObject({ status: 200, body: { replayed: [] } });
    const rows: unknown[] = await ledger.service.dataSource.query(
      `SELECT 1 FROM "audit_log" WHERE "entity_type" = 'dead-letter' AND "actor" <> 'ops-1'`,
    );
    expect(rows).toEqual([]);
  });

  it('lets barrier-control’s own token read a vehicle and the settings, and nothing else', async () => {
    const barrierControl = () => ledger.issuer.serviceBearer('barrier-control');
    const asService = (path: string, init: RequestInit = {}) =>
      barrierControl().then((authorization) =>
        ledger.anonymous(path, { ...init, headers: { ...(init.headers as object), authorization } }),
      );
    expect((await asService(vehiclePath(A))).status).toBe(200);
    expect((await asService(`/enterprises/${A}/alert-level`)).status).toBe(200);
    expect((await asService(`/enterprises/${A}/emergency-plan`)).status).toBe(200);
    expect((await asService(`/enterprises/${A}/passages`)).status).toBe(403);
    expect((await asService(vehiclePath(A), json('PUT', confirmedVi))).status).toBe(403);
    expect((await asService(`/enterprises/${A}/alert-level`, json('PUT', { level: 'none' }))).status).toBe(
      403,
    );
  });
});

describe('route matrix', () => {
  it('route matrix: every documented route, called by every caller, answers as the policy table says', async () => {
    const document = (await (await fetch(`${ledger.service.url}/openapi.json`)).json()) as OpenApiDocument;
    const matrix = await checkRouteMatrix(ledger.service.url, document, POLICY['ledger'], ledger.issuer);
    expect(matrix).toMatchObject({ mismatches: [], unlisted: [], undocumented: [] });
    expect(matrix.calls).toBeGreaterThan(200);
  });
});
