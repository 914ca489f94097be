import { randomBytes } from 'node:crypto';
import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type DeadLetterView,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  openPostgresEventLog,
  parseEnterpriseId,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import {
  CuttableProxy,
  expectEventually,
  kafkaClientOptions,
  loadInfraEnv,
  outageSeconds,
  releaseAll,
} from '@ecogate/testing';
import { type CameraLanes } from './clips/camera-lanes';
import { createPassageClipConsumer, PASSAGE_CLIPS_CONSUMER_GROUP } from './clips/passage-clip.consumer';
import { VideoClipRepository } from './clips/video-clip.repository';
import { videoEntities, videoMigrations } from './video-archive.data-source';

// ADR 0005, data-loss review: video-archive's database away for OUTAGE_S (default 15 s; OUTAGE_S=60
// runs the review's 60 s) while passages arrive. The passage-clips consumer is the one whose loss
// matters (a passage without its clip request has no video evidence, and nothing else asks again)
// and the cheapest to drive (no RTSP, ffmpeg or MinIO: the clip worker is not needed to prove
// intake). Every passage gets exactly one clip request per camera filming its lane, none is
// dead-lettered, the consumer is degraded during the cut.

const OUTAGE_S = outageSeconds(15);
const PASSAGES = 300;
const logger = createLogger({ service: 'video-clips-outage-it', level: 'silent' });

// The backlog's wait fails on a stall, not on a slow machine; this only bounds a hung run.
jest.setTimeout(OUTAGE_S * 1000 + 300_000);

describe('video-archive passage clips while the database is away', () => {
  const infra = loadInfraEnv();
  const suffix = randomBytes(4).toString('hex');
  const enterpriseId = parseEnterpriseId(`ent-clips-outage-${suffix}`);
  // Two cameras film lane-1 (a clip from each), one films lane-2.
  const cameras: CameraLanes = [
    { enterpriseId, siteId: 'site-a', cameraId: 'cam-a', lanes: [{ gateId: 'gate-1', laneId: 'lane-1' }] },
    {
      enterpriseId,
      siteId: 'site-a',
      cameraId: 'cam-b',
      lanes: [
        { gateId: 'gate-1', laneId: 'lane-1' },
        { gateId: 'gate-1', laneId: 'lane-2' },
      ],
    },
  ];
  let transport: MessagingTransport;
  let database: TemporaryDatabase;
  let proxy: CuttableProxy;
  let direct: DataSource;
  let serviceData: DataSource;
  let publisher: ConnectablePublisher;
  let consumer: EventConsumer;
  let deadLetters: DeadLetterView;

  const count = async (sql: string) => Number(((await direct.query(sql)) as { n: string }[])[0]!.n);
  const passage = (i: number): LedgerPassageRecordedV1 => ({
    passageId: `p-${i}`,
    enterpriseId,
    siteId: 'site-a',
    gateId: 'gate-1',
    laneId: i % 2 === 0 ? 'lane-1' : 'lane-2',
    direction: 'in',
    plate: { text: '冀A12345', colour: 'yellow' },
    emissionStage: 'VI',
    capturedAt: new Date(Date.now() - 60_000 + i).toISOString(),
    photos: {},
    revision: 1,
  });
  const publish = (i: number) =>
    publisher.publish('ledger.passage.recorded.v1', { enterpriseId, key: enterpriseId, payload: passage(i) });

  beforeAll(async () => {
    transport = await createMessagingTransport(
      {
        kind: 'kafka',
        kafka: {
          ...kafkaClientOptions(infra),
          clientId: 'video-clips-outage-it',
          topicPrefix: `it-clips-outage-${suffix}.`,
        },
      },
      { logger, openEventLog: openPostgresEventLog },
    );
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'video_clips_outage_it');
    direct = createDataSource({
      url: database.url,
      entities: videoEntities,
      migrations: videoMigrations,
      logging: false,
    });
    await direct.initialize();
    await runMigrations(direct);
    const target = new URL(database.url);
    proxy = await new CuttableProxy(target.hostname, Number(target.port)).start();
    serviceData = createDataSource({
      url: proxy.url(database.url),
      entities: videoEntities,
      migrations: videoMigrations,
      logging: false,
    });
    await serviceData.initialize();
    consumer = createPassageClipConsumer(transport, {
      clips: new VideoClipRepository(serviceData),
      cameras: () => cameras,
      window: { beforeSeconds: 5, afterSeconds: 5, maxWaitMs: 60_000 },
      logger,
    });
    deadLetters = transport.deadLetters(PASSAGE_CLIPS_CONSUMER_GROUP);
    await transport.ensureTopics(
      [...new Set([...consumer.topics(), ...deadLetters.topics()])].map((name) => ({ name })),
    );
    publisher = transport.createPublisher();
    await publisher.connect();
    await consumer.start();
    await consumer.ready();
  }, 60_000);

  afterAll(() =>
    releaseAll(
      () => consumer?.stop(),
      () => publisher?.disconnect(),
      () => transport?.close(),
      () => serviceData?.destroy(),
      () => direct?.destroy(),
      () => proxy?.stop(),
      () => database?.drop(),
    ),
  );

  it(`requests one clip per camera for ${PASSAGES} passages across a ${OUTAGE_S} s outage, dead-letters none`, async () => {
    const third = PASSAGES / 3;
    for (let i = 0; i < third; i += 1) await publish(i);
    await expectEventually(async () =>
      expect(await count(`SELECT count(*) AS n FROM "video_clips"`)).toBeGreaterThan(10),
    );

    proxy.cut();
    for (let i = third; i < 2 * third; i += 1) await publish(i);
    await expectEventually(() => expect(consumer.health().status).toBe('degraded'), { timeoutMs: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_S * 1000));
    expect(consumer.health().status).toBe('degraded');
    proxy.restore();
    for (let i = 2 * third; i < PASSAGES; i += 1) await publish(i);

    // lane-1 passages: cam-a and cam-b; lane-2 passages: cam-b.
    const expected = PASSAGES + PASSAGES / 2;
    const clips = () => count(`SELECT count(*) AS n FROM "video_clips"`);
    await expectEventually(
      async () => expect(await clips()).toBe(expected),
      // Fail only when no clip was stored for 45 s: the backlog takes long on a loaded runner.
      { timeoutMs: 45_000, progress: clips },
    );
    await new Promise((settle) => setTimeout(settle, 1_000));
    expect(await count(`SELECT count(*) AS n FROM "video_clips"`)).toBe(expected);
    expect(await count(`SELECT count(DISTINCT "passage_id") AS n FROM "video_clips"`)).toBe(PASSAGES);
    expect(
      await count(`SELECT count(DISTINCT ("passage_id", "direction", "camera_id")) AS n FROM "video_clips"`),
    ).toBe(expected);
    expect(await deadLetters.list()).toEqual([]);
    expect(consumer.health()).toMatchObject({ status: 'ok', stalled: [] });
  });
});
