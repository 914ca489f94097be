import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceTokenFrom, TestIssuer } from '@ecogate/auth';
import { RtspTestServer, samplesDir } from '@ecogate/camera-simulator';
import {
  createDataSource,
  createTemporaryDatabase,
  parseEnterpriseId,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { startVideoArchive, type VideoArchiveService } from './app/start-video-archive';
import { loadCameras } from './cameras/camera-source';
import { videoArchiveConfig } from './config/video-archive.config';
import { VideoSegmentRepository } from './segment/video-segment.repository';
import { type PlateRecognitionProcess, startPlateRecognition } from './testing/plate-recognition-process';
import { videoEntities, videoMigrations } from './video-archive.data-source';
import { type WindowScanView } from './window-scan/window-scan.view';
import { windowScans } from './window-scan/window-scans';
import { type WindowScanWorker } from './window-scan/window-scan.worker';

// The whole path against real Postgres and MinIO: a camera whose RTSP source shows three labelled
// sample scenes is recorded by the real recorder; a real plate-recognition process reads the
// frames of the archived window. Labels come from the samples' labels.json (read by eye).
const SCENES = ['double_yellow.jpg', 'Quicker_20220930_180919.png', 'single_green.jpg'];
const SCENE_SECONDS = 4;
const SEGMENT_SECONDS = 3;
const CAMERA = 'gate-1';
type Caller = Parameters<TestIssuer['bearer']>[0];

const labels = JSON.parse(readFileSync(join(samplesDir(), 'scene', 'labels.json'), 'utf8')) as Record<
  string,
  { plates?: string[] }
>;
const expectedPlates = SCENES.flatMap((scene) => labels[scene]?.plates ?? []).sort();

describe('window scans: plates read from the archived video of a window', () => {
  const infra = loadInfraEnv();
  const suffix = randomBytes(4).toString('hex');
  const enterpriseId = parseEnterpriseId(`ent-scan-${suffix}`);
  const work = mkdtempSync(join(tmpdir(), 'window-scan-it-'));
  const logger = createLogger({ service: 'window-scan-it', level: 'silent' });
  const rtsp = new RtspTestServer({
    images: SCENES.map((scene) => ({ path: join(samplesDir(), 'scene', scene), seconds: SCENE_SECONDS })),
  });
  const inspector: Caller = { role: 'inspector', subject: 'it-inspector', enterprises: [enterpriseId] };
  let issuer: TestIssuer;
  let database: TemporaryDatabase;
  let recognition: PlateRecognitionProcess;
  let service: VideoArchiveService | undefined;
  let worker: WindowScanWorker | undefined;
  let config: ReturnType<typeof videoArchiveConfig.load>;

  const recognitionEnv = (port?: string) => ({
    AUTH_JWKS_URL: issuer.jwksUrl,
    AUTH_SERVICE_KEYS_FILE: join(work, 'service-keys.json'),
    ...(port ? { HTTP_PORT: port } : {}),
  });

  /** The service and its scan worker, as main.ts composes them. */
  async function start(): Promise<void> {
    const scans = windowScans(config, logger, { urlTtlSeconds: 60 });
    service = await startVideoArchive(
      { ...config, followCameraStatus: false },
      await loadCameras(config.cameras.file),
      logger,
      { ...scans.options, verifier: issuer.verifierOptions },
    );
    const running = service;
    worker = await scans.start(running, () => serviceTokenFrom(config.auth, 'video-archive'));
  }
  async function stop(): Promise<void> {
    await worker?.stop();
    await service?.close();
    worker = undefined;
    service = undefined;
  }

  const call = async (
    method: string,
    path: string,
    options: { body?: unknown; caller?: Caller | 'ledger'; enterprise?: string } = {},
  ) => {
    const caller = options.caller ?? inspector;
    const response = await fetch(
      `${service?.url}/api/v1/enterprises/${options.enterprise ?? enterpriseId}${path}`,
      {
        method,
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          authorization:
            caller === 'ledger' ? await issuer.serviceBearer('ledger') : await issuer.bearer(caller),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      },
    );
    const text = await response.text();
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: (text.startsWith('{') ? JSON.parse(text) : text) as Record<string, unknown>,
    };
  };
  const scanOf = async (id: string): Promise<WindowScanView> =>
    (await call('GET', `/window-scans/${id}`, { caller: 'ledger' })).body as unknown as WindowScanView;
  const finished = (id: string, timeoutMs = 60_000): Promise<WindowScanView> =>
    expectEventually(
      async () => {
        const scan = await scanOf(id);
        expect(scan.status).toBe('done');
        return scan;
      },
      { timeoutMs, intervalMs: 250 },
    );

  beforeAll(async () => {
    issuer = await TestIssuer.start(['video-archive', 'ledger']);
    writeFileSync(join(work, 'service-keys.json'), JSON.stringify(issuer.serviceKeys));
    writeFileSync(join(work, 'video-archive.pem'), issuer.servicePem('video-archive'));
    const [db, lpr] = await Promise.all([
      createTemporaryDatabase(infra.DATABASE_URL, 'window_scan_it'),
      startPlateRecognition(recognitionEnv()),
      rtsp.start(),
    ]);
    database = db;
    recognition = lpr;
    const migrator = createDataSource({
      url: database.url,
      entities: videoEntities,
      migrations: videoMigrations,
      logging: false,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    const camerasFile = join(work, 'cameras.json');
    writeFileSync(
      camerasFile,
      JSON.stringify({
        cameras: [{ enterpriseId, siteId: 'site-a', cameraId: CAMERA, recording: true, sourceUrl: rtsp.url }],
      }),
    );
    config = videoArchiveConfig.load({
      ...infra,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_SERVICE_KEYS_FILE: join(work, 'service-keys.json'),
      SERVICE_SIGNING_KEY_FILE: join(work, 'video-archive.pem'),
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: `window-scan-${suffix}.`,
      HTTP_PORT: '0',
      TELEMETRY_ENABLED: 'false',
      // Under the video-archive key's bucket prefix (ADR 0007).
      VIDEO_BUCKET: `ecogate-video-scan-${suffix}`,
      VIDEO_CAMERAS_FILE: camerasFile,
      VIDEO_SPOOL_DIR: join(work, 'spool'),
      VIDEO_SEGMENT_SECONDS: String(SEGMENT_SECONDS),
      VIDEO_POLL_MS: '200',
      VIDEO_OBJECT_LOCK: 'off',
      VIDEO_OUTAGE_SCAN_MS: '3600000',
      PLATE_RECOGNITION_URL: recognition.url,
      WINDOW_SCAN_POLL_MS: '200',
    });
    await start();
  }, 120_000);

  afterAll(() =>
    releaseAll(
      () => stop(),
      () => recognition?.stop(),
      () => rtsp.close(),
      () => database?.drop(),
      () => issuer?.close(),
      () => rmSync(work, { recursive: true, force: true }),
    ),
  );

  let window: { from: string; to: string };
  let first: WindowScanView;

  it('finds exactly the plates the camera showed in the window, with times inside it and a best frame', async () => {
    // One full loop of the three scenes (12 s), from a second into the recording.
    const segments = new VideoSegmentRepository(service!.dataSource);
    const recordingFrom = await expectEventually(
      async () => {
        const [oldest] = await segments.forCamera(enterpriseId, CAMERA);
        expect(oldest).toBeDefined();
        return oldest!.startAt.getTime();
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const from = recordingFrom + 1_000;
    const to = from + SCENES.length * SCENE_SECONDS * 1000;
    window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    await new Promise((done) => setTimeout(done, Math.max(0, to - Date.now() + 500)));

    const asked = await call('POST', '/window-scans', { body: window });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ id: expect.any(String), status: 'queued' });
    // The ledger retrying the same request gets the same scan.
    const again = await call('POST', '/window-scans', { body: window, caller: 'ledger' });
    expect(again.body['id']).toBe(asked.body['id']);

    first = await finished(String(asked.body['id']));
    expect(first).toMatchObject({ enterpriseId, ...window, cameraIds: [CAMERA], status: 'done' });
    expect(first.progress.framesDone).toBeGreaterThanOrEqual(11);
    expect(first.progress.framesDone).toBe(first.progress.framesTotal);
    expect(first.cameras).toHaveLength(1);
    expect(first.cameras[0]!.videoSeconds + first.cameras[0]!.gapSeconds).toBeCloseTo(12, 1);
    expect(first.cameras[0]!.videoSeconds).toBeGreaterThan(11);
    expect([...new Set(first.plates.map((p) => p.plate))].sort()).toEqual(expectedPlates);
    for (const plate of first.plates) {
      expect(plate.cameraId).toBe(CAMERA);
      expect(Date.parse(plate.firstSeenAt)).toBeGreaterThanOrEqual(Date.parse(window.from));
      expect(Date.parse(plate.lastSeenAt)).toBeLessThan(Date.parse(window.to));
      expect(plate.frames).toBeGreaterThanOrEqual(1);
    }
    // Each scene was on screen for 4 s of the window at 1 frame a second: read in 3 to 5 frames (a
    // scene cut by the window's start shows again at its end: two sightings, the same plate).
    for (const plate of expectedPlates) {
      const sightings = first.plates.filter((p) => p.plate === plate);
      expect(sightings.every((p) => p.trusted)).toBe(true);
      const frames = sightings.reduce((sum, p) => sum + p.frames, 0);
      expect(frames).toBeGreaterThanOrEqual(3);
      expect(frames).toBeLessThanOrEqual(5);
    }

    const [best] = first.plates;
    const framePath = best!.framePath.replace('/api/video-archive/v1/', '/api/v1/');
    expect(framePath).toBe(`/api/v1/enterprises/${enterpriseId}/window-scans/${first.id}/frames/0.jpg`);
    const redirect = await call('GET', framePath.replace(`/api/v1/enterprises/${enterpriseId}`, ''));
    expect(redirect.status).toBe(302);
    const jpeg = Buffer.from(await (await fetch(redirect.location!)).arrayBuffer());
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(jpeg.length).toBeGreaterThan(10_000);
  }, 90_000);

  it('waits while plate recognition is down, and finishes a scan interrupted by a restart of the service', async () => {
    // plate-recognition away: the scan starts, then waits on its first frame (never "no plates").
    await recognition.stop();
    // Same window, the camera named: another scan (the request differs).
    const asked = await call('POST', '/window-scans', { body: { ...window, cameraIds: [CAMERA] } });
    expect(asked.status).toBe(202);
    const id = String(asked.body['id']);
    expect(id).not.toBe(first.id);
    const waiting = await expectEventually(
      async () => {
        const scan = await scanOf(id);
        expect(scan).toMatchObject({
          status: 'running',
          error: expect.stringMatching(/^waiting for plate recognition/),
        });
        return scan;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(waiting.plates).toEqual([]);
    // video-archive restarts mid-scan; plate-recognition comes back (same address).
    await stop();
    recognition = await startPlateRecognition(
      recognitionEnv(new URL(config.windowScans.recognitionUrl!).port),
    );
    await start();
    const again = await finished(id);
    expect(again.error).toBeUndefined();
    expect(again.plates.map((p) => [p.plate, p.firstSeenAt, p.frames])).toEqual(
      first.plates.map((p) => [p.plate, p.firstSeenAt, p.frames]),
    );
  }, 120_000);

  it('reports a window with no video as done, every camera at 0 s', async () => {
    const from = Date.now() - 3_600_000;
    const asked = await call('POST', '/window-scans', {
      body: { from: new Date(from).toISOString(), to: new Date(from + 300_000).toISOString() },
    });
    const scan = await finished(String(asked.body['id']));
    expect(scan.cameras).toEqual([{ cameraId: CAMERA, videoSeconds: 0, gapSeconds: 300 }]);
    expect(scan.plates).toEqual([]);
  });

  it('refuses bad windows, unknown scans and other enterprises', async () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    expect((await call('POST', '/window-scans', { body: { from: at(40), to: at(9) } })).body).toMatchObject({
      code: 'window-too-long',
    });
    // One instant for both ends: two calls of `at` a millisecond apart make a valid 1 ms window.
    const instant = at(5);
    expect((await call('POST', '/window-scans', { body: { from: instant, to: instant } })).status).toBe(400);
    expect((await call('POST', '/window-scans', { body: { from: at(5), to: at(-5) } })).body).toMatchObject({
      code: 'window-in-future',
    });
    expect((await call('GET', `/window-scans/${randomUUID()}`)).status).toBe(404);
    expect((await call('GET', `/window-scans/${first.id}/frames/99.jpg`)).status).toBe(404);
    // An inspector of another district: the enterprise is not theirs.
    const outsider: Caller = { role: 'inspector', subject: 'it-outsider', enterprises: ['ent-other'] };
    expect((await call('GET', `/window-scans/${first.id}`, { caller: outsider })).status).toBe(404);
    // A city role sees every enterprise, but the scan belongs to this one only.
    const city: Caller = { role: 'city-admin', subject: 'it-city' };
    expect(
      (await call('GET', `/window-scans/${first.id}`, { caller: city, enterprise: 'ent-other' })).status,
    ).toBe(404);
    // Enterprise roles read their scans, never start one.
    const staff: Caller = { role: 'enterprise-staff', subject: 'it-staff', enterprises: [enterpriseId] };
    expect((await call('GET', `/window-scans/${first.id}`, { caller: staff })).status).toBe(200);
    expect((await call('POST', '/window-scans', { body: window, caller: staff })).status).toBe(403);
  });
});
