import { checkRouteMatrix, forgedBearers, POLICY, type Principal } from '@ecogate/auth';
import { type OpenApiDocument } from '@ecogate/http-edge';
import { CameraSimulator } from '@ecogate/camera-simulator';
import { CameraIngestHarness } from './testing/camera-ingest-harness';

type Caller = Partial<Principal> & Pick<Principal, 'role'>;

/**
 * Who may reach camera-ingest's registry, scripted as the attacks it must withstand: the running
 * service with both listeners, real Postgres/Kafka/MinIO and real tokens from a test gateway.
 */
describe('camera-ingest access: the registry behind the policy, off the cameras’ port', () => {
  const harness = new CameraIngestHarness({ name: 'access', services: ['video-archive', 'ledger'] });
  const { enterprise } = harness;
  const device = `${enterprise}-vz`;

  const operator: Caller = { role: 'city-operator', subject: 'op-1' };
  const staff: Caller = { role: 'enterprise-staff', enterprises: [enterprise] };
  const admin: Caller = { role: 'enterprise-admin', enterprises: [enterprise] };
  const outsider: Caller = { role: 'enterprise-admin', enterprises: [`${enterprise}-rival`] };
  /** A role that may register cameras, but for other enterprises only. */
  const rivalOperator: Caller = { role: 'city-operator', enterprises: [`${enterprise}-rival`] };

  const call = async (
    method: string,
    path: string,
    as: Caller | Record<string, string> | null,
    body?: unknown,
    base = harness.service.apiUrl,
  ) => {
    const auth =
      as === null ? {} : 'role' in as ? { authorization: await harness.issuer.bearer(as as Caller) } : as;
    const response = await fetch(`${base}/api/v1/enterprises/${enterprise}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth as Record<string, string>) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      response,
    };
  };
  const camera = (secret: string) =>
    new CameraSimulator({
      vendor: 'vzenith',
      pushUrl: `${harness.service.pushUrl}/push/vzenith/${device}/${secret}`,
    });
  const receipts = async () =>
    ((await harness.dataSource.query(`SELECT count(*)::int AS n FROM push_receipts`)) as { n: number }[])[0]!
      .n;
  const newDevice = {
    id: device,
    laneId: 'lane-in',
    kind: 'anpr-camera',
    vendor: 'vzenith',
    name: 'Vzenith ANPR',
    allowedSources: ['127.0.0.1', '::1'],
  };
  const refusedAs = (status: number, code: string) => ({
    status,
    body: { code, reason: expect.any(String) },
  });

  beforeAll(async () => {
    await harness.start();
    expect((await call('PUT', '/sites/plant-1', admin, { name: 'Plant 1' })).status).toBe(204);
    expect((await call('PUT', '/gates/gate-n', admin, { siteId: 'plant-1', name: 'North' })).status).toBe(
      204,
    );
    const lane = { gateId: 'gate-n', name: 'In', direction: 'in' };
    expect((await call('PUT', '/lanes/lane-in', operator, lane)).status).toBe(204);
  }, 60_000);

  afterAll(() => harness.close());

  it('answers 401 with a Bearer challenge without a token, to X-Operator-Id and to forged tokens', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-operator-id': 'op-1' },
      ...Object.values(await forgedBearers(harness.issuer)).map((authorization) => ({ authorization })),
    ];
    for (const headers of attempts) {
      const created = await call('POST', '/devices', headers, newDevice);
      // The headers are part of the subject, so a failure names the attempt.
      expect({ headers, status: created.status, code: created.body['code'] }).toEqual({
        headers,
        status: 401,
        code: 'unauthenticated',
      });
      expect(created.response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await call('GET', '/devices', headers)).status).toBe(401);
    }
    expect(await call('GET', `/devices/${device}`, operator)).toMatchObject({ status: 404 });
  });

  it('lets only the city operator register a camera: outsiders and enterprise users are refused', async () => {
    // The role is checked first: an outsider without it is forbidden, one with it finds nothing.
    expect(await call('POST', '/devices', outsider, newDevice)).toMatchObject(refusedAs(403, 'forbidden'));
    expect(await call('POST', '/devices', rivalOperator, newDevice)).toMatchObject(
      refusedAs(404, 'enterprise-not-found'),
    );
    expect(await call('POST', '/devices', staff, newDevice)).toMatchObject(refusedAs(403, 'forbidden'));
    expect(await call('POST', '/devices', admin, newDevice)).toMatchObject(refusedAs(403, 'forbidden'));
    expect(await call('POST', '/devices', { role: 'inspector' }, newDevice)).toMatchObject({ status: 403 });
    expect(await call('GET', `/devices/${device}`, operator)).toMatchObject({ status: 404 });
    const created = await call('POST', '/devices', operator, newDevice);
    expect(created.status).toBe(201);
    expect(typeof created.body['pushSecret']).toBe('string');
  });

  it('refuses to rotate the push secret for anyone but the city operator, then refuses the old secret', async () => {
    const issued = await call('PATCH', `/devices/${device}`, operator, { rotatePushSecret: true });
    expect(issued.status).toBe(200);
    const oldSecret = String(issued.body['pushSecret']);
    expect((await camera(oldSecret).arrive({ plate: '沪AMS087' })).status).toBe(200);

    // Whoever rotates the secret learns it: an outsider, the enterprise's own staff or admin may not.
    const rotate = { rotatePushSecret: true };
    const outside = await call('PATCH', `/devices/${device}`, rivalOperator, rotate);
    expect(outside).toMatchObject(refusedAs(404, 'enterprise-not-found'));
    expect(outside.text).not.toContain('pushSecret');
    for (const who of [outsider, staff, admin]) {
      const refused = await call('PATCH', `/devices/${device}`, who, rotate);
      expect(refused).toMatchObject(refusedAs(403, 'forbidden'));
      expect(refused.text).not.toContain('pushSecret');
    }
    expect((await camera(oldSecret).arrive({ plate: '沪AMS088' })).status).toBe(200); // nothing changed

    const rotated = await call('PATCH', `/devices/${device}`, operator, rotate);
    expect(rotated.status).toBe(200);
    expect(rotated.body['pushSecret']).not.toBe(oldSecret);
    // A forged read with the old secret is refused and stores nothing; the new secret works.
    const before = await receipts();
    const forged = await camera(oldSecret).arrive({ plate: '京A00000' });
    expect([forged.status, JSON.parse(forged.body!)]).toEqual([
      401,
      expect.objectContaining({ code: 'unauthorised' }),
    ]);
    expect(await receipts()).toBe(before);
    expect((await camera(String(rotated.body['pushSecret'])).arrive({ plate: '沪AMS089' })).status).toBe(200);
  });

  it('serves no registry route on the push port, whatever the token, and no push on the API port', async () => {
    for (const path of [`/api/v1/enterprises/${enterprise}/devices`, `/enterprises/${enterprise}/devices`]) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${harness.service.pushUrl}${path}`, {
          method,
          headers: {
            authorization: await harness.issuer.bearer(operator),
            'content-type': 'application/json',
          },
          ...(method === 'POST' ? { body: JSON.stringify({ ...newDevice, id: `${device}-2` }) } : {}),
        });
        expect([method, path, response.status]).toEqual([method, path, 404]);
        expect(await response.text()).not.toContain(device);
      }
    }
    expect(
      (await fetch(`${harness.service.pushUrl}/api/v1/enterprises/${enterprise}/devices/${device}/media`))
        .status,
    ).toBe(404);
    expect((await call('GET', `/devices/${device}-2`, operator)).status).toBe(404); // nothing was created
    const push = await fetch(`${harness.service.apiUrl}/push/vzenith/${device}/x`, {
      method: 'POST',
      body: '{}',
    });
    expect(push.status).toBe(404);
    // Each listener documents only its own routes.
    const paths = async (base: string) =>
      Object.keys(((await (await fetch(`${base}/openapi.json`)).json()) as { paths: object }).paths);
    expect((await paths(harness.service.pushUrl)).filter((p) => p.includes('enterprises'))).toEqual([]);
    expect((await paths(harness.service.apiUrl)).filter((p) => p.startsWith('/push'))).toEqual([]);
    expect((await fetch(`${harness.service.pushUrl}/health`)).status).toBe(200);
  });

  it("answers another enterprise's token with 404 and no data, a role the route lacks with 403", async () => {
    for (const path of ['/devices', `/devices/${device}`, `/devices/${device}/media`]) {
      const response = await call('GET', path, outsider);
      expect([path, response.status, response.body]).toEqual([
        path,
        404,
        { code: 'enterprise-not-found', reason: 'no such enterprise' },
      ]);
    }
    expect(await call('GET', '/devices', staff)).toMatchObject(refusedAs(403, 'forbidden'));
    expect(await call('PUT', '/sites/plant-1', { role: 'inspector' }, { name: 'x' })).toMatchObject({
      status: 403,
    });
    expect(await call('PUT', '/sites/plant-1', staff, { name: 'x' })).toMatchObject({ status: 403 });
    const listed = await call('GET', '/devices', { role: 'inspector', enterprises: [enterprise] });
    expect(listed.status).toBe(200);
    expect(listed.text).toContain(device);
    expect(listed.text).not.toMatch(/pushSecret|password/);
  });

  it('admits on the media route only the service the policy names', async () => {
    const media = (authorization: string) => call('GET', `/devices/${device}/media`, { authorization });
    // video-archive passes the guard; a Vzenith camera has no ONVIF media, which the handler says.
    expect(await media(await harness.issuer.serviceBearer('video-archive'))).toMatchObject({
      status: 404,
      body: { code: 'not-found', reason: expect.stringContaining('ONVIF') },
    });
    expect(await media(await harness.issuer.serviceBearer('ledger'))).toMatchObject(
      refusedAs(403, 'forbidden'),
    );
    expect(
      await call('GET', '/devices', { authorization: await harness.issuer.serviceBearer('video-archive') }),
    ).toMatchObject(refusedAs(403, 'forbidden'));
  });
  it('route matrix: every documented route of both listeners, called by every caller, answers as the policy table says', async () => {
    const results = await Promise.all(
      [harness.service.pushUrl, harness.service.apiUrl].map(async (url) => {
        const document = (await (await fetch(`${url}/openapi.json`)).json()) as OpenApiDocument;
        return checkRouteMatrix(url, document, POLICY['camera-ingest'], harness.issuer);
      }),
    );
    for (const matrix of results) expect(matrix).toMatchObject({ mismatches: [], unlisted: [] });
    // Each listener documents its own routes; together they are the whole table.
    const [push, api] = results;
    expect(push!.undocumented.filter((route) => api!.undocumented.includes(route))).toEqual([]);
  });
});
