import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  API_SCOPES,
  GATEWAY_ISSUER,
  PERSON_ROLES,
  SERVICE_NAMES,
  SERVICES_AUDIENCE,
  TestIssuer,
  checkRouteMatrix,
  forgedBearers,
  POLICY,
} from '@ecogate/auth';
import { type OpenApiDocument } from '@ecogate/http-edge';
import { createLogger } from '@ecogate/telemetry';
import { drivingLicenceReadSchema, inventoryListReadSchema } from '@ecogate/contracts';
import {
  generateLicenceTruth,
  inventoryListPhoto,
  photograph,
  renderLicencePage,
} from '@ecogate/document-reading/testing';
import { asBmp, crop, jpegClaiming, plateLess, scene } from '../test/test-inputs';
import { plateRecognitionConfig } from './config/plate-recognition.config';
import { createApp } from './create-app';

const MAX_BODY = 2 * 1024 * 1024;

describe('plate-recognition service', () => {
  let app: INestApplication;
  // The gateway's side (and every service's key): tokens are verified through the JWKS, as in production.
  let issuer: TestIssuer;
  /** A city operator's `Authorization`, fresh for each test. */
  let operator: string;

  beforeAll(async () => {
    issuer = await TestIssuer.start([...SERVICE_NAMES]);
    // One worker and no queue: a second concurrent request is refused at once (back-pressure).
    const config = plateRecognitionConfig.load({
      LPR_WORKERS: '1',
      LPR_QUEUE_LIMIT: '0',
      LPR_INTRA_OP_THREADS: '1',
      LPR_MAX_BODY_BYTES: String(MAX_BODY),
      LOG_LEVEL: 'silent',
      SNAPSHOTS_ENABLED: 'false',
      AUTH_JWKS_URL: issuer.jwksUrl,
    });
    app = await createApp(
      config,
      issuer.verifierOptions,
      createLogger({ service: 'plate-recognition-test', level: 'silent' }),
    );
    await app.init();
  });
  beforeEach(async () => {
    operator = await issuer.bearer({ role: 'city-operator', subject: 'u-op-1' });
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const post = (body: Buffer, type: string, path = '/recognize', authorization = operator) =>
    request(app.getHttpServer())
      .post(path)
      .set('authorization', authorization)
      .set('content-type', type)
      .send(body);

  it('GET /health reports the pool', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', pool: { workers: 1, ready: 1 } });
  });

  it('reads a real photo sent as a raw JPEG body', async () => {
    const res = await post(scene('double_yellow.jpg'), 'image/jpeg').expect(200);
    expect(res.body).toMatchObject({ kind: 'plates', image: { format: 'jpeg' } });
    const [plate] = res.body.plates;
    expect(plate).toMatchObject({
      text: '京EA5331',
      verdict: 'trusted',
      rows: 'double',
      colour: 'yellow',
      kind: 'large',
    });
    expect(Buffer.from(plate.cropJpegBase64, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(res.headers['x-correlation-id']).toBeDefined();
  });

  it('reads PNG and BMP bodies', async () => {
    const png = await post(scene('we_tmpC90A.png'), 'image/png').expect(200);
    const bmp = await post(await asBmp(scene('we_tmpC90A.png')), 'image/bmp').expect(200);
    expect(png.body.plates[0].text).toBe('粤BD01366');
    expect(bmp.body.plates[0].text).toBe('粤BD01366');
    expect(bmp.body.image.format).toBe('bmp');
  });

  it('reads a multipart upload in field `image`', async () => {
    const res = await request(app.getHttpServer())
      .post('/recognize')
      .set('authorization', operator)
      .attach('image', scene('moto.png'), { filename: 'moto.png', contentType: 'image/png' })
      .expect(200);
    expect(res.body.plates[0].text).toBe('沪AN9241');
  });

  it('reads a plate crop with ?mode=crop', async () => {
    const res = await post(crop('京PL3N67.jpg'), 'image/jpeg', '/recognize?mode=crop').expect(200);
    expect(res.body.plates[0]).toMatchObject({ text: '京PL3N67', detector: 'none' });
  });

  it('answers a plate-less photo with 200 no-plate', async () => {
    const res = await post(await plateLess(), 'image/jpeg').expect(200);
    expect(res.body.kind).toBe('no-plate');
  });

  it.each([
    ['zero bytes', () => Promise.resolve(Buffer.alloc(0)), 'empty'],
    ['a non-image', () => Promise.resolve(Buffer.from('GIF89a not really')), 'unsupported-format'],
    [
      'a corrupt JPEG',
      () => Promise.resolve(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4000, 0x55)])),
      'corrupt',
    ],
    ['a truncated JPEG', () => Promise.resolve(scene('we_15.jpg').subarray(0, 9000)), 'truncated'],
    ['a 12000×12000 JPEG', () => jpegClaiming(12000, 12000), 'too-large'],
  ])('answers %s with 422 unreadable-image', async (_, input, reason) => {
    const res = await post(await input(), 'image/jpeg').expect(422);
    expect(res.body).toMatchObject({ kind: 'unreadable-image', reason });
  });

  it('refuses other media types with 415', async () => {
    const res = await post(Buffer.from('hello'), 'text/plain').expect(415);
    expect(res.body).toMatchObject({ kind: 'rejected', code: 'unsupported-media-type' });
    expect(res.body.reason).toEqual(expect.any(String));
  });

  it('refuses bodies over the limit with 413, raw or multipart', async () => {
    const big = Buffer.alloc(MAX_BODY + 1, 0xff);
    expect((await post(big, 'image/jpeg').expect(413)).body).toMatchObject({
      kind: 'rejected',
      code: 'payload-too-large',
    });
    const multipart = await request(app.getHttpServer())
      .post('/recognize')
      .set('authorization', operator)
      .attach('image', big, { filename: 'big.jpg', contentType: 'image/jpeg' })
      .expect(413);
    expect(multipart.body.code).toBe('payload-too-large');
  });

  it('refuses a multipart request without an image, and an unknown mode, with 400', async () => {
    await request(app.getHttpServer())
      .post('/recognize')
      .set('authorization', operator)
      .field('note', 'no file')
      .expect(400);
    await post(scene('moto.png'), 'image/png', '/recognize?mode=zoom').expect(400);
  });

  it('answers 503 overloaded with Retry-After when the queue is full', async () => {
    const image = scene('we_2.jpg'); // the largest sample: slow enough to overlap
    const responses = await Promise.all([
      post(image, 'image/jpeg'),
      post(image, 'image/jpeg'),
      post(image, 'image/jpeg'),
    ]);
    const refused = responses.filter((r) => r.status === 503);
    expect(responses.some((r) => r.status === 200)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.body).toEqual({ kind: 'overloaded', queueLimit: 0 });
    expect(refused[0]?.headers['retry-after']).toBe('1');
  });

  describe('who may call it', () => {
    const photo = () => scene('double_yellow.jpg');
    const refusal = (code: string) => ({ kind: 'rejected', code, reason: expect.any(String) });

    it('answers 401 with a Bearer challenge without a valid token, an operator header included', async () => {
      const now = Math.floor(Date.now() / 1000);
      const attempts: Record<string, string>[] = [
        {},
        { 'x-operator-id': 'op.li' },
        { authorization: 'Basic b3A6b3A=' },
        ...Object.values(await forgedBearers(issuer)).map((authorization) => ({ authorization })),
        // The gateway's key cannot make a service: the service role comes only from a service key.
        {
          authorization: `Bearer ${await issuer.forge({
            iss: GATEWAY_ISSUER,
            aud: SERVICES_AUDIENCE,
            sub: 'camera-ingest',
            name: 'camera-ingest',
            role: 'service',
            ent: '*',
            iat: now,
            exp: now + 60,
          })}`,
        },
      ];
      for (const headers of attempts) {
        const res = await request(app.getHttpServer())
          .post('/recognize')
          .set(headers)
          .set('content-type', 'image/jpeg')
          .send(photo());
        expect({ headers, status: res.status, body: res.body }).toEqual({
          headers,
          status: 401,
          body: refusal('unauthenticated'),
        });
        expect(res.headers['www-authenticate']).toBe('Bearer');
      }
    });

    it('refuses an anonymous oversized body with 401: nothing is read before the token is checked', async () => {
      const big = Buffer.alloc(MAX_BODY + 1, 0xff);
      const res = await post(big, 'image/jpeg', '/recognize', '').expect(401);
      expect(res.body).toEqual(refusal('unauthenticated'));
    });

    it('refuses every other role, integrators and every other service with 403', async () => {
      const others = [
        ...PERSON_ROLES.filter((role) => role !== 'city-operator').map((role) =>
          issuer.bearer({ role, enterprises: role.startsWith('city-') ? '*' : ['ent-a'] }),
        ),
        issuer.bearer({ role: 'integrator', enterprises: ['ent-a'], scopes: [...API_SCOPES] }),
        ...SERVICE_NAMES.filter((name) => name !== 'video-archive').map((name) => issuer.serviceBearer(name)),
      ];
      for (const authorization of await Promise.all(others)) {
        const res = await post(photo(), 'image/jpeg', '/recognize', authorization);
        expect({ status: res.status, body: res.body }).toEqual({ status: 403, body: refusal('forbidden') });
      }
    });

    it('admits the city operator (recognition runs)', async () => {
      const res = await post(photo(), 'image/jpeg').expect(200);
      expect(res.body.plates[0].text).toBe('京EA5331');
    });

    it("admits video-archive's own token (the frames of its window scans)", async () => {
      const authorization = await issuer.serviceBearer('video-archive');
      const res = await post(photo(), 'image/jpeg', '/recognize', authorization).expect(200);
      expect(res.body.plates[0].text).toBe('京EA5331');
    });

    it('serves health and its OpenAPI document without a token', async () => {
      await request(app.getHttpServer()).get('/health').expect(200);
      const res = await request(app.getHttpServer()).get('/openapi.json').expect(200);
      expect(Object.keys(res.body.paths).sort()).toEqual([
        '/documents/driving-licence/read',
        '/documents/inventory-list/read',
        '/health',
        '/recognize',
      ]);
    });
  });

  describe('POST /documents/driving-licence/read', () => {
    const path = '/documents/driving-licence/read';
    let ledger: string;
    beforeEach(async () => {
      ledger = await issuer.serviceBearer('ledger');
    });

    it("reads a licence photo in the licence workers for the ledger's job", async () => {
      const truth = generateLicenceTruth(7);
      const photo = await photograph(await renderLicencePage(truth), { rotationDeg: 4, tilt: 0.08 }, 7);
      const res = await post(photo, 'image/jpeg', path, ledger).expect(200);
      const read = drivingLicenceReadSchema.parse(res.body);
      expect(read.found).toBe(true);
      expect(read.fields.vin?.value).toBe(truth.vin);
      expect(read.fields.registrationDate?.value).toBe(truth.registrationDate);
      expect(read.fields.vin?.confidence).toBeGreaterThan(0.5);
    });

    it('answers bytes that are no image with 422, and another media type with 415', async () => {
      const res = await post(Buffer.from('not a photo'), 'image/jpeg', path, ledger).expect(422);
      expect(res.body).toMatchObject({ kind: 'unreadable-image', reason: 'unsupported-format' });
      await post(Buffer.from('text'), 'text/plain', path, ledger).expect(415);
    });

    it('refuses a city operator: only the ledger sends documents', async () => {
      await post(Buffer.from('x'), 'image/jpeg', path).expect(403);
    });
  });

  describe('POST /documents/inventory-list/read', () => {
    const path = '/documents/inventory-list/read';
    const fields = { disclosureNumber: 'CNZXG6ZJ0A00000000103K', vin: 'LZZ1CLVB8JD123456' };
    let ledger: string;
    beforeEach(async () => {
      ledger = await issuer.serviceBearer('ledger');
    });

    it("reads a 随车清单's QR code in the QR workers for the ledger's job, raw or multipart", async () => {
      const photo = await inventoryListPhoto(fields, { rotationDeg: -9, tilt: 0.1, noiseSigma: 3 }, 9);
      const raw = inventoryListReadSchema.parse(
        (await post(photo, 'image/jpeg', path, ledger).expect(200)).body,
      );
      expect(raw).toMatchObject({ found: true, ...fields, unreadable: [] });
      const multipart = await request(app.getHttpServer())
        .post(path)
        .set('authorization', ledger)
        .attach('image', photo, { filename: 'list.jpg', contentType: 'image/jpeg' })
        .expect(200);
      expect(multipart.body).toEqual(raw);
    });

    it('answers a photo without a code with 200 found: false and the reason, for a person', async () => {
      const photo = await inventoryListPhoto({ ...fields, qrText: null }, {}, 2);
      const read = inventoryListReadSchema.parse(
        (await post(photo, 'image/jpeg', path, ledger).expect(200)).body,
      );
      expect(read).toMatchObject({ found: false, reason: 'no-qr-code', message: expect.any(String) });
    });

    it('answers bytes that are no image with 422, another media type with 415, a huge body with 413', async () => {
      const res = await post(Buffer.from('not a photo'), 'image/jpeg', path, ledger).expect(422);
      expect(res.body).toMatchObject({ kind: 'unreadable-image', reason: 'unsupported-format' });
      await post(Buffer.from('text'), 'text/plain', path, ledger).expect(415);
      await post(Buffer.alloc(MAX_BODY + 1, 0xff), 'image/jpeg', path, ledger).expect(413);
    });

    it('refuses a city operator and other services: only the ledger sends documents', async () => {
      await post(Buffer.from('x'), 'image/jpeg', path).expect(403);
      await post(Buffer.from('x'), 'image/jpeg', path, await issuer.serviceBearer('video-archive')).expect(
        403,
      );
    });
  });

  it('route matrix: every documented route, called by every caller, answers as the policy table says', async () => {
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const document = (await (await fetch(`${url}/openapi.json`)).json()) as OpenApiDocument;
    const matrix = await checkRouteMatrix(url, document, POLICY['plate-recognition'], issuer);
    expect(matrix).toMatchObject({ mismatches: [], unlisted: [], undocumented: [] });
    expect(matrix.calls).toBeGreaterThan(20);
  });
});
