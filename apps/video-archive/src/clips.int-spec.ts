import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventEnvelope, type LedgerPassageRecordedV1, type PayloadOf } from '@ecogate/contracts';
import { createVerifier, TestIssuer, usePolicy } from '@ecogate/auth';
import { CodedErrorFilter } from '@ecogate/http-edge';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  DataSource,
  openPostgresEventLog,
  parseEnterpriseId,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, loadInfraEnv, type Profile, PROFILES, releaseAll } from '@ecogate/testing';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OBJECT_STORAGE } from './app/video-archive.module';
import { type CameraLanes } from './clips/camera-lanes';
import { ClipCutter } from './clips/clip-cutter';
import { ClipWorker } from './clips/clip-worker';
import { createPassageClipConsumer } from './clips/passage-clip.consumer';
import { SegmentWindowRepository } from './clips/segment-window.repository';
import { type CounterSegment, encodeCounterSegments, readFrameCounters } from './clips/frame-counter-pattern';
import { VideoClipRepository } from './clips/video-clip.repository';
import { PLAYBACK_ERROR_STATUS } from './playback/playback.exception';
import { playbackExtension } from './playback/playback.extension';
import { segmentKey } from './segment/segment-key';
import { VideoSegmentRepository } from './segment/video-segment.repository';
import { profileFixture, type ProfileFixture } from './testing/profiles';
import { videoEntities, videoMigrations } from './video-archive.data-source';

// The camera's video: 30 s of a frame-counter pattern at 10 fps, a key frame every second, cut
// into 5 s MPEG-TS segments as the recorder's segment muxer cuts them, indexed at known instants,
// so frame N was shown at t0 + N × 100 ms and a clip's first and last frames name its exact range.
const FPS = 10;
const GOP_SECONDS = 1;
const CLIP_SECONDS = 5;
const logger = createLogger({ service: 'video-clips-it', level: 'silent' });

type ClipEvent = EventEnvelope<'video.clip.archived.v1'>;

// Both profiles (ADR 0008): Kafka and MinIO (presigned URLs), or the embedded bus on Postgres and
// the filesystem store (signed links, answered by the test's stand-in for the gateway's route).
describe.each<Profile>(PROFILES)(
  'passage clips and playback (%s profile) against Postgres and ffmpeg',
  (profile) => {
    const infra = loadInfraEnv();
    const suffix = randomBytes(4).toString('hex');
    const bucket = `clips-it-${suffix}`;
    const enterpriseId = parseEnterpriseId(`ent-clips-${suffix}`);
    const otherEnterprise = parseEnterpriseId(`ent-other-${suffix}`);
    const cameraId = 'gate2-a';
    const cameras: CameraLanes = [
      { enterpriseId, siteId: 'site-a', cameraId, lanes: [{ gateId: 'gate-2', laneId: 'lane-1' }] },
    ];
    const topicPrefix = `it-clips-${suffix}.`;
    const scratch = mkdtempSync(join(tmpdir(), 'clips-it-'));
    // Whole seconds, 30 s ago: the clip windows below have ended, and their wait has not.
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 30_000;
    const events: ClipEvent[] = [];
    let fixture: ProfileFixture;
    let transport: MessagingTransport;
    let storage: ObjectStorage;
    let database: TemporaryDatabase;
    let dataSource: DataSource;
    let segments: CounterSegment[];
    let publisher: ConnectablePublisher;
    let passageConsumer: EventConsumer;
    let collector: EventConsumer;
    let worker: ClipWorker;
    let app: INestApplication;
    let api: string;
    let issuer: TestIssuer;
    // An enterprise clerk of this enterprise: what a playback client sends.
    const staff = () => issuer.bearer({ role: 'enterprise-staff', enterprises: [enterpriseId] });

    const index = async (files: readonly CounterSegment[]): Promise<void> => {
      const repository = new VideoSegmentRepository(dataSource);
      for (const segment of files) {
        const startAt = new Date(t0 + Math.round(segment.startSeconds * 1000));
        const body = readFileSync(segment.file);
        const key = segmentKey({ enterpriseId, siteId: 'site-a', cameraId, start: startAt });
        await storage.put(bucket, key, body, { contentType: 'video/mp2t' });
        await repository.record(enterpriseId, {
          cameraId,
          startAt,
          endAt: new Date(t0 + Math.round(segment.endSeconds * 1000)),
          bytes: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          bucket,
          objectKey: key,
        });
      }
    };

    const passage = (passageId: string, capturedAt: number, revision = 1): LedgerPassageRecordedV1 => ({
      passageId,
      enterpriseId,
      siteId: 'site-a',
      gateId: 'gate-2',
      laneId: 'lane-1',
      direction: 'in',
      plate: { text: '冀A12345', colour: 'yellow' },
      emissionStage: 'VI',
      capturedAt: new Date(capturedAt).toISOString(),
      photos: {},
      revision,
    });
    const publish = (payload: LedgerPassageRecordedV1) =>
      publisher.publish('ledger.passage.recorded.v1', { enterpriseId, key: enterpriseId, payload });
    const eventsOf = (passageId: string): ClipEvent[] =>
      events.filter((e) => e.payload.passageId === passageId);
    const get = async (path: string, authorization?: string) =>
      fetch(`${api}/api/v1/enterprises/${path}`, {
        headers: { authorization: authorization ?? (await staff()) },
      });

    beforeAll(async () => {
      issuer = await TestIssuer.start();
      fixture = await profileFixture(profile, infra, { clientId: 'video-clips-it', topicPrefix });
      storage = createObjectStorage(fixture.objectStorage);
      transport = await createMessagingTransport(fixture.messaging, {
        logger,
        openEventLog: openPostgresEventLog,
      });
      database = await createTemporaryDatabase(infra.DATABASE_URL, 'video_clips_it');
      dataSource = createDataSource({
        url: database.url,
        entities: videoEntities,
        migrations: videoMigrations,
        logging: false,
      });
      await dataSource.initialize();
      await runMigrations(dataSource);
      await storage.ensureBucket(bucket);
      segments = await encodeCounterSegments(scratch, {
        seconds: 30,
        fps: FPS,
        gop: FPS * GOP_SECONDS,
        segmentSeconds: 5,
      });
      // Only the first 20 s are indexed at first: the clip must wait for the rest.
      await index(segments.slice(0, 4));

      const clips = new VideoClipRepository(dataSource);
      passageConsumer = createPassageClipConsumer(transport, {
        clips,
        cameras: () => cameras,
        window: { beforeSeconds: CLIP_SECONDS, afterSeconds: CLIP_SECONDS, maxWaitMs: 60_000 },
        logger,
      });
      collector = transport.createConsumer({
        groupId: `clips-it-collector-${suffix}`,
        handlers: { 'video.clip.archived.v1': async (event) => void events.push(event) },
      });
      await transport.ensureTopics(
        [...new Set([...passageConsumer.topics(), ...collector.topics()])].map((name) => ({
          name,
          partitions: 1,
        })),
      );
      publisher = transport.createPublisher();
      await publisher.connect();
      await passageConsumer.start();
      await collector.start();
      await Promise.all([passageConsumer.ready(), collector.ready()]);

      worker = new ClipWorker(
        {
          clips,
          segments: new SegmentWindowRepository(dataSource),
          cutter: new ClipCutter(storage, { workDir: scratch }),
          storage,
          publisher,
          logger,
        },
        { bucket, pollMs: 200, recheckMs: 300, leaseMs: 30_000, batchSize: 10, maxAttempts: 3 },
      );
      worker.start();

      // As the service mounts it: an extension whose PlaybackService is built from the app's DataSource.
      const playback = playbackExtension({ urlTtlSeconds: 60, maxWindowHours: 24 });
      app = await NestFactory.create(
        {
          module: class PlaybackTestModule {},
          controllers: [...(playback.controllers ?? [])],
          providers: [
            { provide: DataSource, useValue: dataSource },
            { provide: OBJECT_STORAGE, useValue: storage },
            ...(playback.providers ?? []),
          ],
        },
        { logger: false },
      );
      usePolicy(app, 'video-archive', createVerifier(issuer.verifierOptions), logger);
      app.useGlobalFilters(new CodedErrorFilter(logger, PLAYBACK_ERROR_STATUS));
      await app.listen(0, '127.0.0.1');
      api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    }, 60_000);

    afterAll(() =>
      releaseAll(
        () => worker?.stop(),
        () => app?.close(),
        () => passageConsumer?.stop(),
        () => collector?.stop(),
        () => publisher?.disconnect(),
        () => transport?.close(),
        () => dataSource?.destroy(),
        () => database?.drop(),
        () => fixture?.release(),
        () => issuer?.close(),
        () => rmSync(scratch, { recursive: true, force: true }),
      ),
    );

    it('waits for the segments, then cuts exactly the requested range once, even when the passage is redelivered', async () => {
      expect(transport.kind).toBe(profile);
      const capturedAt = t0 + 17_350;
      await publish(passage('passage-a', capturedAt));
      await publish(passage('passage-a', capturedAt)); // a redelivery (new event id, same passage)
      const clips = new VideoClipRepository(dataSource);
      // The window [12.35 s, 22.35 s] is not covered yet (only 0-20 s indexed): the clip waits.
      await expectEventually(async () => {
        const [row] = await clips.forPassage(enterpriseId, 'passage-a');
        expect(row).toMatchObject({ status: 'pending', attempts: 0 });
        expect(row!.lockedUntil).not.toBeNull(); // the worker has looked at it and put it back
      });
      expect(eventsOf('passage-a')).toEqual([]);

      await index(segments.slice(4));
      const event = await expectEventually(
        () => {
          const [found] = eventsOf('passage-a');
          if (!found) throw new Error('no clip event yet');
          return found;
        },
        { timeoutMs: 30_000 },
      );
      const clip = event.payload as Extract<PayloadOf<'video.clip.archived.v1'>, { status: 'archived' }>;
      expect(clip).toMatchObject({
        status: 'archived',
        cut: 'stream-copy',
        enterpriseId,
        cameraId,
        passageId: 'passage-a',
        direction: 'in',
        requested: {
          from: new Date(capturedAt - CLIP_SECONDS * 1000).toISOString(),
          to: new Date(capturedAt + CLIP_SECONDS * 1000).toISOString(),
        },
      });
      const actualFrom = Date.parse(clip.actual.from);
      const actualTo = Date.parse(clip.actual.to);
      // Stream copy starts on the key frame at or before the requested start (one per second here).
      expect(actualFrom).toBeLessThanOrEqual(Date.parse(clip.requested.from));
      expect(actualFrom).toBeGreaterThan(Date.parse(clip.requested.from) - GOP_SECONDS * 1000);
      expect(actualTo).toBe(Date.parse(clip.requested.to));

      // The object: content-addressed under the enterprise, hash and size as announced.
      expect(clip.clip.key).toMatch(
        new RegExp(`^${enterpriseId}/site-a/\\d{4}/\\d{2}/\\d{2}/clip/${clip.clip.sha256}\\.mp4$`),
      );
      const body = Buffer.concat(await (await storage.get(bucket, clip.clip.key)).toArray());
      expect(body.length).toBe(clip.clip.bytes);
      if (fixture.objectStorage.kind === 'filesystem') {
        // On the embedded profile the clip is a file under the store's folder (its version's body).
        const folder = join(fixture.objectStorage.root, bucket);
        const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) =>
          f.endsWith('.data'),
        );
        expect(files.filter((f) => readFileSync(join(folder, f)).equals(body))).toHaveLength(1);
      }
      expect(createHash('sha256').update(body).digest('hex')).toBe(clip.clip.sha256);

      // The burned-in counters: every frame from actual.from up to (not including) actual.to, in order.
      const file = join(scratch, 'clip-a.mp4');
      writeFileSync(file, body);
      const counters = await readFrameCounters(file);
      const firstFrame = ((actualFrom - t0) * FPS) / 1000;
      const lastFrame = Math.ceil(((actualTo - t0) * FPS) / 1000) - 1;
      expect(counters[0]).toBe(firstFrame);
      expect(counters.at(-1)).toBe(lastFrame);
      expect(counters).toEqual(Array.from({ length: lastFrame - firstFrame + 1 }, (_, i) => firstFrame + i));

      // A later revision, then a passage without video: once that one is announced (same enterprise
      // key, so its partition has handled everything before it), passage-a still has one clip.
      await publish(passage('passage-a', capturedAt, 2));
      await publish(passage('passage-dark', t0 - 3_600_000));
      await expectEventually(() => expect(eventsOf('passage-dark')).toHaveLength(1), { timeoutMs: 30_000 });
      expect(await clips.count(enterpriseId, { passageId: 'passage-a' })).toBe(1);
      expect(eventsOf('passage-a')).toHaveLength(1);
    }, 90_000);

    it('records a passage without video as missing, with the reason', () => {
      const [missing] = eventsOf('passage-dark');
      expect(missing?.payload).toMatchObject({
        status: 'missing',
        cameraId,
        reason: expect.stringMatching(/^no video of camera gate2-a indexed between /),
      });
    });

    it('hands out a passage clip as a short-lived link: presigned on MinIO, signed on the filesystem', async () => {
      const response = await get(`${enterpriseId}/passages/passage-a/clips`);
      expect(response.status).toBe(200);
      const [view] = (await response.json()) as {
        url: string;
        sha256: string;
        expiresAt: string;
        status: string;
      }[];
      expect(view).toMatchObject({ status: 'archived', direction: 'in', cameraId });
      expect(Date.parse(view!.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
      if (fixture.objectStorage.kind === 'minio') expect(view!.url).toContain('X-Amz-Expires=60');
      else {
        // `<SIGNED_LINK_BASE_URL>/<bucket>/<key>?expires=..&signature=..`, served by the gateway.
        const link = new URL(view!.url);
        expect(view!.url.startsWith(`${fixture.objectStorage.signedLinks.baseUrl}/${bucket}/`)).toBe(true);
        expect(Number(link.searchParams.get('expires')) * 1000 - Date.now()).toBeLessThanOrEqual(60_000);
        expect(link.searchParams.get('signature')).toMatch(/^[\w-]{43}$/);
        // Tampered with: refused.
        link.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
        expect((await fetch(link)).status).toBe(403);
      }
      const download = Buffer.from(await (await fetch(view!.url)).arrayBuffer());
      expect(createHash('sha256').update(download).digest('hex')).toBe(view!.sha256);
    });

    it('plays a camera time window as an HLS playlist of presigned (or signed) segment URLs', async () => {
      const from = new Date(t0 + 5_000).toISOString();
      const to = new Date(t0 + 20_000).toISOString();
      const response = await get(`${enterpriseId}/cameras/${cameraId}/playlist.m3u8?from=${from}&to=${to}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/vnd.apple.mpegurl');
      const playlist = await response.text();
      expect(playlist).toContain(`#EXT-X-PROGRAM-DATE-TIME:${from}`);
      expect(playlist.match(/^#EXTINF:5\.000,$/gm)).toHaveLength(3);
      expect(playlist).not.toContain('#EXT-X-DISCONTINUITY');
      // A player fetches the playlist with its token, then the segments over their presigned URLs
      // (which carry their own authorisation): 15 s = 150 frames, counters 50..199 in order.
      const local = join(scratch, 'window.m3u8');
      writeFileSync(local, playlist);
      const counters = await readFrameCounters(local, ['-protocol_whitelist', 'file,http,https,tcp,tls']);
      expect(counters).toEqual(Array.from({ length: 15 * FPS }, (_, i) => 5 * FPS + i));
    });

    it('refuses bad windows with 400 and hides other enterprises with 404', async () => {
      const window = (from: number, to: number) =>
        `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
      const playlist = (enterprise: string, camera: string, query: string) =>
        get(`${enterprise}/cameras/${camera}/playlist.m3u8?${query}`);

      const reversed = await playlist(enterpriseId, cameraId, window(t0 + 20_000, t0 + 5_000));
      expect(reversed.status).toBe(400);
      expect(await reversed.json()).toMatchObject({ code: 'invalid-request' });
      expect((await playlist(enterpriseId, cameraId, window(t0, t0 + 25 * 3_600_000))).status).toBe(400);
      expect((await playlist(enterpriseId, cameraId, 'from=yesterday&to=today')).status).toBe(400);
      expect((await playlist(enterpriseId, 'bad.camera', window(t0, t0 + 5_000))).status).toBe(400);
      const empty = await playlist(enterpriseId, cameraId, window(t0 - 60_000, t0 - 30_000));
      expect(empty.status).toBe(404);
      expect(await empty.json()).toMatchObject({ code: 'no-video-in-window' });

      const foreign = await playlist(otherEnterprise, cameraId, window(t0 + 5_000, t0 + 20_000));
      expect(foreign.status).toBe(404);
    });

    it("hides another enterprise's playback links and clips: 404 with no data", async () => {
      const outsider = await issuer.bearer({ role: 'enterprise-admin', enterprises: [otherEnterprise] });
      const clips = await get(`${enterpriseId}/passages/passage-a/clips`, outsider);
      expect(clips.status).toBe(404);
      expect(await clips.json()).toEqual({ code: 'enterprise-not-found', reason: 'no such enterprise' });
      const query = `from=${new Date(t0 + 5_000).toISOString()}&to=${new Date(t0 + 20_000).toISOString()}`;
      const links = await get(`${enterpriseId}/cameras/${cameraId}/playlist.m3u8?${query}`, outsider);
      expect(links.status).toBe(404);
      expect(await links.text()).not.toMatch(/X-Amz|signature=|#EXTM3U/);
      // An integrator of this very enterprise needs video:read on its key.
      const integrator = (scopes: ('video:read' | 'passages:read')[]) =>
        issuer.bearer({ role: 'integrator', enterprises: [enterpriseId], subject: 'key:k1', scopes });
      expect(
        (await get(`${enterpriseId}/passages/passage-a/clips`, await integrator(['passages:read']))).status,
      ).toBe(403);
      expect(
        (await get(`${enterpriseId}/passages/passage-a/clips`, await integrator(['video:read']))).status,
      ).toBe(200);
    });
  },
);
