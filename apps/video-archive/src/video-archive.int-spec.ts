import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestIssuer } from '@ecogate/auth';
import { RtspTestServer } from '@ecogate/camera-simulator';
import { type EventEnvelope } from '@ecogate/contracts';
import {
  consumerGroupTopics,
  createKafka,
  ensureTopics,
  KafkaEventConsumer,
  KafkaEventPublisher,
} from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  parseEnterpriseId,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { MinioObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaClientOptions, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { startVideoArchive, type VideoArchiveService } from './app/start-video-archive';
import { loadCameras } from './cameras/camera-source';
import { videoArchiveConfig } from './config/video-archive.config';
import { OUTAGE_TOPIC } from './outage/outage-detector';
import { setUpVideoBucket, VideoRetentionRefusedError } from './retention/video-bucket';
import { type VideoSegmentEntity } from './segment/video-segment.entity';
import { VideoSegmentRepository } from './segment/video-segment.repository';
import { videoEntities, videoMigrations } from './video-archive.data-source';

// The whole service against real Postgres, Kafka and MinIO, recording a real RTSP stream (RTP over
// TCP) that the camera simulator's RTSP server relays from ffmpeg's test pattern.
const SEGMENT_SECONDS = 3;
const MIN_GAP_SECONDS = 6;
const DARK_MS = 9_000;
const logger = createLogger({ service: 'video-archive-it', level: 'silent' });
type Caller = Parameters<TestIssuer['bearer']>[0];

function ffprobeDuration(path: string): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    path,
  ]);
  return Number(out.toString().trim());
}

describe('video-archive service: RTSP recording, retention, legal hold, outages', () => {
  const infra = loadInfraEnv();
  const storage = new MinioObjectStorage({
    endpoint: infra.S3_ENDPOINT,
    accessKey: infra.S3_ACCESS_KEY,
    secretKey: infra.S3_SECRET_KEY,
  });
  const suffix = randomBytes(4).toString('hex');
  // Under the video-archive key's bucket prefix (ADR 0007), so the spec also runs with that key.
  const bucket = `ecogate-video-it-${suffix}`;
  const topicPrefix = `video-it-${suffix}.`;
  const enterpriseId = parseEnterpriseId(`ent-video-${suffix}`);
  const camera = 'gate-1';
  const work = mkdtempSync(join(tmpdir(), 'video-it-'));
  const rtsp = new RtspTestServer({ path: 'Streaming/Channels/101' });
  const kafka = createKafka({ ...kafkaClientOptions(infra), clientId: 'video-it', logger });
  const outageEvents: EventEnvelope<typeof OUTAGE_TOPIC>[] = [];
  let database: TemporaryDatabase;
  let service: VideoArchiveService;
  let reader: KafkaEventConsumer;
  let publisher: KafkaEventPublisher;
  let segments: VideoSegmentRepository;
  let issuer: TestIssuer;
  const operator: Caller = { role: 'city-operator', subject: 'it-operator' };

  /** A call as `caller` (a fresh token from the test gateway), or with no token at all. */
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    caller: Caller | null = operator,
    enterprise: string = enterpriseId,
  ) => {
    const response = await fetch(`${service.url}/api/v1/enterprises/${enterprise}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(caller ? { authorization: await issuer.bearer(caller) } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const rows = (): Promise<VideoSegmentEntity[]> => segments.forCamera(enterpriseId, camera);
  const outageRows = (): Promise<{ start_at: Date; end_at: Date; filing_id: string | null }[]> =>
    service.dataSource.query(
      `SELECT "start_at", "end_at", "filing_id" FROM "camera_outages" WHERE "enterprise_id" = $1 ORDER BY "start_at"`,
      [enterpriseId],
    );

  /** The camera goes dark for `DARK_MS`, comes back, and records a segment again. */
  async function outage(): Promise<{ darkFrom: number; darkTo: number }> {
    const darkFrom = Date.now();
    await rtsp.stop();
    await new Promise((resolve) => setTimeout(resolve, DARK_MS));
    await rtsp.start();
    const darkTo = Date.now();
    await expectEventually(
      async () => expect((await rows()).some((r) => r.startAt.getTime() > darkTo)).toBe(true),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    return { darkFrom, darkTo };
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'video_it');
    const migrator = createDataSource({
      url: database.url,
      entities: videoEntities,
      migrations: videoMigrations,
      logging: false,
    });
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    await rtsp.start();
    const camerasFile = join(work, 'cameras.json');
    writeFileSync(
      camerasFile,
      JSON.stringify({
        cameras: [{ enterpriseId, siteId: 'site-a', cameraId: camera, recording: true, sourceUrl: rtsp.url }],
      }),
    );
    const config = videoArchiveConfig.load({
      ...infra,
      AUTH_JWKS_URL: issuer.jwksUrl,
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      HTTP_PORT: '0',
      TELEMETRY_ENABLED: 'false',
      VIDEO_BUCKET: bucket,
      VIDEO_CAMERAS_FILE: camerasFile,
      VIDEO_SPOOL_DIR: join(work, 'spool'),
      VIDEO_SEGMENT_SECONDS: String(SEGMENT_SECONDS),
      VIDEO_POLL_MS: '200',
      VIDEO_RETRY_MS: '500',
      VIDEO_RESTART_INITIAL_MS: '500',
      VIDEO_RESTART_MAX_MS: '1000',
      VIDEO_OBJECT_LOCK: 'governance',
      VIDEO_OUTAGE_MIN_GAP_SECONDS: String(MIN_GAP_SECONDS),
      VIDEO_OUTAGE_SCAN_MS: '3600000',
      VIDEO_OUTBOX_POLL_MS: '100',
    });
    await ensureTopics(
      kafka,
      [OUTAGE_TOPIC, ...consumerGroupTopics('video-it-reader')].map((t) => ({ name: `${topicPrefix}${t}` })),
    );
    reader = new KafkaEventConsumer(
      kafka,
      { topicPrefix, logger },
      {
        groupId: 'video-it-reader',
        handlers: {
          [OUTAGE_TOPIC]: async (event: EventEnvelope<typeof OUTAGE_TOPIC>) => void outageEvents.push(event),
        },
      },
    );
    await reader.start();
    await reader.ready();
    service = await startVideoArchive(
      { ...config, followCameraStatus: true },
      await loadCameras(config.cameras.file),
      logger,
      { verifier: issuer.verifierOptions },
    );
    await service.ready();
    segments = new VideoSegmentRepository(service.dataSource);
    publisher = new KafkaEventPublisher(kafka, { topicPrefix });
    await publisher.connect();
  }, 60_000);

  afterAll(() =>
    releaseAll(
      () => service?.close(),
      () => reader?.stop(),
      () => publisher?.disconnect(),
      () => rtsp.close(),
      () => database?.drop(),
      () => issuer?.close(),
      () => rmSync(work, { recursive: true, force: true }),
    ),
  );

  it('sets the 180-day lifecycle rule and GOVERNANCE lock on the bucket and refuses 90 days', async () => {
    expect(await storage.getExpiryRules(bucket)).toEqual([
      expect.objectContaining({ prefix: `${enterpriseId}/`, days: 180 }),
    ]);
    expect(await storage.getDefaultRetention(bucket)).toEqual({ mode: 'GOVERNANCE', days: 180 });
    await expect(
      setUpVideoBucket(storage, { bucket, enterpriseId, videoDays: 90, objectLock: true }),
    ).rejects.toThrow(VideoRetentionRefusedError);
    expect(await storage.getExpiryRules(bucket)).toEqual([expect.objectContaining({ days: 180 })]);
  });

  it('records the RTSP stream into contiguous segments whose ffprobe durations add up, each retained', async () => {
    await expectEventually(async () => expect((await rows()).length).toBeGreaterThanOrEqual(4), {
      timeoutMs: 40_000,
      intervalMs: 250,
    });
    const recorded = await rows();
    let probed = 0;
    for (const [i, row] of recorded.entries()) {
      if (i > 0) expect(row.startAt.getTime()).toBe(recorded[i - 1]!.endAt.getTime());
      const body = Buffer.concat(await (await storage.get(bucket, row.objectKey)).toArray());
      expect(body.length).toBe(row.bytes);
      expect(createHash('sha256').update(body).digest('hex')).toBe(row.sha256);
      expect((await storage.stat(bucket, row.objectKey)).metadata).toMatchObject({
        camera,
        sha256: row.sha256,
        start: row.startAt.toISOString(),
      });
      const retention = await storage.getObjectRetention(bucket, row.objectKey);
      expect(retention?.mode).toBe('GOVERNANCE');
      expect(retention!.retainUntil.getTime()).toBeGreaterThan(Date.now() + 179 * 86_400_000);
      const file = join(work, `${row.id}.ts`);
      writeFileSync(file, body);
      probed += ffprobeDuration(file);
    }
    const span = (recorded.at(-1)!.endAt.getTime() - recorded[0]!.startAt.getTime()) / 1000;
    expect(Math.abs(probed - span)).toBeLessThan(1);
  }, 60_000);

  it('object lock blocks a delete; a legal hold (audited) blocks even a governance-bypass delete', async () => {
    const [held, free] = await rows();
    const heldVersion = (await storage.stat(bucket, held!.objectKey)).versionId!;
    const freeVersion = (await storage.stat(bucket, free!.objectKey)).versionId!;
    await expect(storage.remove(bucket, held!.objectKey, { versionId: heldVersion })).rejects.toThrow();

    expect(
      (await api('PUT', `/cameras/${camera}/legal-hold`, { from: 'yesterday', to: 'x', reason: 'r' })).status,
    ).toBe(400);
    const window = {
      from: held!.startAt.toISOString(),
      to: held!.endAt.toISOString(),
      reason: 'disputed passage',
    };
    // Nobody holds video anonymously.
    expect((await api('PUT', `/cameras/${camera}/legal-hold`, window, null)).status).toBe(401);
    const placed = await api('PUT', `/cameras/${camera}/legal-hold`, window);
    expect(placed).toEqual({ status: 200, body: expect.objectContaining({ objects: 1, hold: true }) });
    expect(await storage.getLegalHold(bucket, held!.objectKey)).toBe(true);
    expect(await storage.getLegalHold(bucket, free!.objectKey)).toBe(false);

    // The attack: the enterprise's own admin releases the hold on its disputed video. Only the city may.
    const release = { ...window, hold: false };
    const admin: Caller = { role: 'enterprise-admin', enterprises: [enterpriseId], subject: 'ent-admin' };
    expect(await api('PUT', `/cameras/${camera}/legal-hold`, release, admin)).toEqual({
      status: 403,
      body: { code: 'forbidden', reason: expect.any(String) },
    });
    expect(
      (await api('PUT', `/cameras/${camera}/legal-hold`, release, { ...admin, role: 'enterprise-staff' }))
        .status,
    ).toBe(403);
    expect(await storage.getLegalHold(bucket, held!.objectKey)).toBe(true);

    await expect(
      storage.remove(bucket, held!.objectKey, { versionId: heldVersion, bypassGovernance: true }),
    ).rejects.toThrow();
    // The bypass itself works: the segment without a hold goes.
    await storage.remove(bucket, free!.objectKey, { versionId: freeVersion, bypassGovernance: true });
    const audit: { requested_by: string; objects: number }[] = await service.dataSource.query(
      `SELECT "requested_by", "objects" FROM "legal_holds" WHERE "enterprise_id" = $1`,
      [enterpriseId],
    );
    expect(audit).toEqual([{ requested_by: 'it-operator', objects: 1 }]);
  });

  it('validates outage filings: window order, in advance, bounded length', async () => {
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    const bad = await api('POST', '/outage-filings', {
      cameraId: camera,
      from: soon(60_000),
      to: soon(1_000),
      reason: 'x',
    });
    expect(bad).toEqual({ status: 400, body: expect.objectContaining({ code: 'invalid-request' }) });
    const late = await api('POST', '/outage-filings', {
      cameraId: camera,
      from: soon(-60_000),
      to: soon(60_000),
      reason: 'x',
    });
    expect(late.body).toMatchObject({ code: 'filing-not-in-advance' });
    expect(late.status).toBe(422);
    const long = await api('POST', '/outage-filings', {
      cameraId: camera,
      from: soon(60_000),
      to: soon(80 * 3_600_000),
      reason: 'x',
    });
    expect(long.body).toMatchObject({ code: 'filing-too-long' });
    const noReason = await api('POST', '/outage-filings', {
      cameraId: '../x',
      from: soon(60_000),
      to: soon(90_000),
      reason: '',
    });
    expect(noReason.status).toBe(400);
  });

  it('files no outage for another enterprise: 404 and nothing stored', async () => {
    const filing = {
      cameraId: camera,
      from: new Date(Date.now() + 60_000).toISOString(),
      to: new Date(Date.now() + 120_000).toISOString(),
      reason: 'cover a gap elsewhere',
    };
    const outsider: Caller = { role: 'enterprise-admin', enterprises: ['ent-other'], subject: 'other-admin' };
    expect(await api('POST', '/outage-filings', filing, outsider)).toEqual({
      status: 404,
      body: { code: 'enterprise-not-found', reason: 'no such enterprise' },
    });
    expect((await api('GET', '/outage-filings', undefined, outsider)).status).toBe(404);
    const stored: unknown[] = await service.dataSource.query(
      `SELECT 1 FROM "outage_filings" WHERE "enterprise_id" = $1`,
      [enterpriseId],
    );
    expect(stored).toEqual([]);
  });

  it('pauses and resumes the recorder on camera.status.changed.v1', async () => {
    const status = (value: 'offline' | 'online') =>
      publisher.publish('camera.status.changed.v1', {
        enterpriseId,
        key: camera,
        payload: {
          cameraId: camera,
          enterpriseId,
          status: value,
          reason: 'it',
          at: new Date().toISOString(),
        },
      });
    await status('offline');
    await expectEventually(() => expect(service.fleet.statuses()[0]!.state).toBe('paused'), {
      timeoutMs: 15_000,
    });
    await status('online');
    await expectEventually(() => expect(service.fleet.statuses()[0]!.state).toBe('recording'), {
      timeoutMs: 15_000,
    });
  }, 40_000);

  it('the source stopped → exactly one unfiled-outage event with its start and end', async () => {
    const before = (await rows()).length;
    const { darkFrom, darkTo } = await outage();
    expect((await rows()).length).toBeGreaterThan(before);
    await service.outages.scanNow();
    await service.outages.scanNow();
    await expectEventually(() => expect(outageEvents).toHaveLength(1), { timeoutMs: 15_000 });
    const event = outageEvents[0]!;
    expect(event.enterpriseId).toBe(enterpriseId);
    const from = Date.parse(event.payload.from);
    const to = Date.parse(event.payload.to);
    expect(from).toBeGreaterThan(darkFrom - SEGMENT_SECONDS * 1000);
    expect(from).toBeLessThanOrEqual(darkFrom + 1_000);
    expect(to).toBeGreaterThanOrEqual(darkTo - 1_000);
    expect(to - from).toBeGreaterThanOrEqual(DARK_MS - 1_000);
    expect(await outageRows()).toEqual([expect.objectContaining({ filing_id: null })]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(outageEvents).toHaveLength(1);
  }, 60_000);

  it('an outage filed in advance is recorded as covered and publishes nothing', async () => {
    const from = new Date(Date.now() + 1_000).toISOString();
    const to = new Date(Date.now() + 10 * 60_000).toISOString();
    const filed = await api('POST', '/outage-filings', {
      cameraId: camera,
      from,
      to,
      reason: 'planned power-off',
    });
    expect(filed.status).toBe(201);
    expect(filed.body['filedBy']).toBe('it-operator'); // the token's subject, not a header
    // The gap must start inside the filing: wait until archived media reaches past its `from`
    // (a loaded recorder lags the wall clock), rather than for a fixed time.
    await expectEventually(
      async () => expect((await rows()).some((r) => r.endAt.getTime() > Date.parse(from) + 1_000)).toBe(true),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    await outage();
    await service.outages.scanNow();
    const recorded = await outageRows();
    expect(recorded).toHaveLength(2);
    expect(recorded[1]!.filing_id).toBe(filed.body['id']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(outageEvents).toHaveLength(1);
  }, 120_000);

  it('reports retention per camera (oldest, newest, bytes, gaps) and health', async () => {
    const recorded = await rows();
    const report = await api('GET', '/retention-report');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ retentionDays: 180 });
    expect(report.body['cameras']).toEqual([
      {
        cameraId: camera,
        oldestSegment: recorded[0]!.startAt.toISOString(),
        newestSegmentEnd: recorded.at(-1)!.endAt.toISOString(),
        segments: recorded.length,
        bytes: recorded.reduce((sum, r) => sum + r.bytes, 0),
        gaps: 2,
        gapSeconds: expect.any(Number),
      },
    ]);
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      recorders: [expect.objectContaining({ cameraId: camera, spoolOverLimit: false })],
    });
  });
});
