import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgedBearers, TestIssuer, checkRouteMatrix, POLICY } from '@ecogate/auth';
import { type OpenApiDocument } from '@ecogate/http-edge';
import {
  createDataSource,
  createTemporaryDatabase,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { loadInfraEnv, releaseAll } from '@ecogate/testing';
import { startVideoArchive, type VideoArchiveService } from './app/start-video-archive';
import { videoArchiveConfig } from './config/video-archive.config';
import { videoEntities, videoMigrations } from './video-archive.data-source';
import { playbackExtension } from './playback/playback.extension';
import { PLAYBACK_ERROR_STATUS } from './playback/playback.exception';
import { windowScanExtension } from './window-scan/window-scan.extension';
import { WINDOW_SCAN_ERROR_STATUS } from './window-scan/window-scan.exception';

/** Who may call what on video-archive: the policy guard in the running service, real tokens. */
describe('video-archive API access', () => {
  const infra = loadInfraEnv();
  const suffix = randomBytes(4).toString('hex');
  const enterpriseId = `ent-access-${suffix}`;
  const work = mkdtempSync(join(tmpdir(), 'video-access-it-'));
  const logger = createLogger({ service: 'video-access-it', level: 'silent' });
  let issuer: TestIssuer;
  let database: TemporaryDatabase;
  let service: VideoArchiveService;

  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${service.url}/api/v1/enterprises/${enterpriseId}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const as = async (caller: Parameters<TestIssuer['bearer']>[0]) => ({
    authorization: await issuer.bearer(caller),
  });
  const filing = () => ({
    cameraId: 'gate-1',
    from: new Date(Date.now() + 60_000).toISOString(),
    to: new Date(Date.now() + 120_000).toISOString(),
    reason: 'maintenance',
  });
  const hold = { from: '2026-01-01T00:00:00Z', to: '2026-01-01T01:00:00Z', reason: 'dispute', hold: false };

  beforeAll(async () => {
    issuer = await TestIssuer.start(['camera-ingest']);
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'video_access_it');
    const migrator = createDataSource({
      url: database.url,
      entities: videoEntities,
      migrations: videoMigrations,
      logging: false,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    const config = videoArchiveConfig.load({
      ...infra,
      AUTH_JWKS_URL: issuer.jwksUrl,
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: `video-access-${suffix}.`,
      HTTP_PORT: '0',
      TELEMETRY_ENABLED: 'false',
      VIDEO_BUCKET: `ecogate-video-access-${suffix}`,
      VIDEO_CAMERAS_FILE: join(work, 'unused.json'),
      VIDEO_SPOOL_DIR: join(work, 'spool'),
      VIDEO_OUTAGE_SCAN_MS: '3600000',
    });
    // No cameras: only the HTTP API is under test, with playback and window scans mounted as main.ts mounts them.
    service = await startVideoArchive({ ...config, followCameraStatus: false }, [], logger, {
      verifier: issuer.verifierOptions,
      extensions: [
        playbackExtension({ urlTtlSeconds: 60, maxWindowHours: 24 }),
        windowScanExtension({ maxWindowMinutes: 30, urlTtlSeconds: 60, enabled: true }),
      ],
      errorStatus: { ...PLAYBACK_ERROR_STATUS, ...WINDOW_SCAN_ERROR_STATUS },
    });
  }, 60_000);

  afterAll(() =>
    releaseAll(
      () => service?.close(),
      () => database?.drop(),
      () => issuer?.close(),
      () => rmSync(work, { recursive: true, force: true }),
    ),
  );

  it('answers 401 with a Bearer challenge without a token, and ignores X-Operator-Id', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-operator-id': 'city-admin-1' },
      { authorization: 'Basic YTpi' },
    ];
    for (const headers of attempts) {
      const response = await call('GET', '/retention-report', headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ code: 'unauthenticated', reason: expect.any(String) });
    }
    expect((await call('POST', '/outage-filings', { 'x-operator-id': 'op' }, filing())).status).toBe(401);
  });

  it.each(['alg none', 'an untrusted key', 'expired', 'another audience'])(
    'refuses a forged token: %s (401)',
    async (name) => {
      const forged = (await forgedBearers(issuer))[name]!;
      const response = await call('PUT', '/cameras/gate-1/legal-hold', { authorization: forged }, hold);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    },
  );

  it('answers 403 to a role the route does not admit', async () => {
    const own = { enterprises: [enterpriseId] };
    const refused = [
      call('POST', '/outage-filings', await as({ role: 'inspector', ...own }), filing()),
      call('POST', '/outage-filings', await as({ role: 'enterprise-staff', ...own }), filing()),
      call('PUT', '/cameras/gate-1/legal-hold', await as({ role: 'enterprise-admin', ...own }), hold),
      call('PUT', '/cameras/gate-1/legal-hold', await as({ role: 'inspector', ...own }), hold),
      // An integrator's key never files or holds, whatever its scopes.
      call(
        'GET',
        '/retention-report',
        await as({ role: 'integrator', ...own, subject: 'key:k1', scopes: ['video:read'] }),
      ),
      // A service may call only where it is named.
      call('GET', '/outage-filings', { authorization: await issuer.serviceBearer('camera-ingest') }),
    ];
    for (const response of await Promise.all(refused)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ code: 'forbidden', reason: expect.any(String) });
    }
  });

  it("answers 404 with no data on another enterprise's records", async () => {
    const filed = await call('POST', '/outage-filings', await as({ role: 'city-operator' }), filing());
    expect(filed.status).toBe(201);
    const outsider = await as({ role: 'enterprise-admin', enterprises: ['ent-elsewhere'] });
    for (const path of ['/outage-filings', '/retention-report']) {
      const response = await call('GET', path, outsider);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ code: 'enterprise-not-found', reason: 'no such enterprise' });
    }
    const own = await call(
      'GET',
      '/outage-filings',
      await as({ role: 'inspector', enterprises: [enterpriseId] }),
    );
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual([
      expect.objectContaining({ cameraId: 'gate-1', filedBy: 'city-operator-user' }),
    ]);
  });

  it('keeps health and the OpenAPI document open', async () => {
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(document.paths)).toContain('/api/v1/enterprises/{enterpriseId}/outage-filings');
  });
  it('route matrix: every documented route, called by every caller, answers as the policy table says', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as OpenApiDocument;
    const matrix = await checkRouteMatrix(service.url, document, POLICY['video-archive'], issuer);
    expect(matrix).toMatchObject({ mismatches: [], unlisted: [], undocumented: [] });
    expect(matrix.calls).toBeGreaterThan(60);
  });
});
