import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestIssuer, TokenVerifier } from '@ecogate/auth';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import { createTemporaryDatabase, openPostgresEventLog, type TemporaryDatabase } from '@ecogate/persistence';
import { createObjectStorage, objectKey, type ObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaServiceEnv, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { scene } from '../test/test-inputs';
import { plateRecognitionConfig } from './config/plate-recognition.config';
import { createApp } from './create-app';

type PlateRead = EventEnvelope<'anpr.plate.read.v1'>;
const SNAPSHOTS = 'camera.snapshot.captured.v1';
const BUCKET = 'ecogate-plate-recognition-it';
const GROUP = 'plate-recognition';

// Both profiles (ADR 0008), chosen by the environment as deployed: Kafka and MinIO when
// KAFKA_BROKERS and S3_ENDPOINT are set; else the embedded bus on EVENT_LOG_DATABASE_URL (a
// temporary database here) and the filesystem store under ECOGATE_HOME (a temporary folder).
type Profile = 'kafka' | 'embedded';

describe.each<Profile>(['kafka', 'embedded'])(
  'plate-recognition (%s profile): snapshots in, server plate reads out',
  (profile) => {
    const infra = loadInfraEnv();
    const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
    const enterpriseId = `it-${randomUUID().slice(0, 8)}`;
    const logger = createLogger({ service: 'plate-recognition-int', level: 'fatal' });
    const home = mkdtempSync(join(tmpdir(), 'plate-recognition-it-'));
    const reads: PlateRead[] = [];
    let eventLog: TemporaryDatabase | undefined;
    // The test's side of the bus and the store, on the same profile as the service.
    let transport: MessagingTransport;
    let storage: ObjectStorage;
    let publisher: ConnectablePublisher;
    let readsConsumer: EventConsumer;
    let app: NestExpressApplication;
    // The HTTP routes verify tokens; the snapshot handlers run behind the same global guard, which
    // must let Kafka deliveries through (the bus authenticates each service).
    let issuer: TestIssuer;
    // The ledger's known plates (GET known-plates): who asked, for which site, with which token.
    let ledger: Server;
    const ledgerCalls: { url: string; authorization: string }[] = [];

    beforeAll(async () => {
      issuer = await TestIssuer.start(['plate-recognition']);
      ledger = createServer((req, res) => {
        ledgerCalls.push({ url: req.url ?? '', authorization: req.headers.authorization ?? '' });
        const siteId = new URL(req.url ?? '/', 'http://ledger').searchParams.get('siteId');
        res.writeHead(200, { 'content-type': 'application/json' });
        // One character away from the snapshot's confident 京EA5331: a confident read is never changed.
        res.end(
          JSON.stringify({
            enterpriseId,
            siteId,
            windowDays: 30,
            plates: ['京EA5381'],
            registered: 1,
            recent: 0,
            truncated: false,
          }),
        );
      });
      await new Promise<void>((resolve) => ledger.listen(0, '127.0.0.1', resolve));
      const signingKey = join(home, 'plate-recognition.pem');
      writeFileSync(signingKey, issuer.servicePem('plate-recognition'));
      let profileEnv: Record<string, string>;
      if (profile === 'kafka') {
        profileEnv = {
          ...kafkaServiceEnv(infra),
          S3_ENDPOINT: infra.S3_ENDPOINT,
          S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
          S3_SECRET_KEY: infra.S3_SECRET_KEY,
        };
      } else {
        eventLog = await createTemporaryDatabase(infra.DATABASE_URL, 'plate_event_log_it');
        profileEnv = {
          EVENT_LOG_DATABASE_URL: eventLog.url,
          ECOGATE_HOME: home,
          SIGNED_LINK_SECRET: randomBytes(32).toString('hex'),
        };
      }
      const config = plateRecognitionConfig.load({
        LOG_LEVEL: 'fatal',
        LPR_WORKERS: '1',
        LPR_INTRA_OP_THREADS: '1',
        ...profileEnv,
        KAFKA_TOPIC_PREFIX: topicPrefix,
        KAFKA_GROUP_ID: GROUP,
        AUTH_JWKS_URL: issuer.jwksUrl,
        LEDGER_URL: `http://127.0.0.1:${(ledger.address() as AddressInfo).port}`,
        SERVICE_SIGNING_KEY_FILE: signingKey,
        PLATE_PROVINCE_PRIOR: '冀',
      });
      const snapshots = config.snapshots!;
      transport = await createMessagingTransport(snapshots.messaging, {
        logger,
        openEventLog: openPostgresEventLog,
      });
      expect(transport.kind).toBe(profile);
      storage = createObjectStorage(snapshots.objectStorage);
      expect(snapshots.objectStorage.kind).toBe(profile === 'kafka' ? 'minio' : 'filesystem');
      await storage.ensureBucket(BUCKET);
      await transport.ensureTopics([{ name: transport.physicalTopic(SNAPSHOTS) }]);
      publisher = transport.createPublisher();
      await publisher.connect();
      app = await createApp(config, issuer.verifierOptions, logger);
      await app.startAllMicroservices();
      await app.init();

      // Every delivery is kept (no deduplication here): a republished read shows up twice.
      readsConsumer = transport.createConsumer({
        groupId: `reads-${randomUUID().slice(0, 8)}`,
        handlers: { 'anpr.plate.read.v1': async (event) => void reads.push(event) },
      });
      await transport.ensureTopics(readsConsumer.topics().map((name) => ({ name })));
      await readsConsumer.start();
    }, 90_000);

    afterAll(() =>
      releaseAll(
        () => readsConsumer?.stop(),
        () => app?.close(),
        () => publisher?.disconnect(),
        () => transport?.close(),
        () => eventLog?.drop(),
        () => issuer?.close(),
        () => new Promise<void>((resolve) => (ledger ? ledger.close(() => resolve()) : resolve())),
        () => rmSync(home, { recursive: true, force: true }),
      ),
    );

    async function putSnapshot(bytes: Buffer, captureId: string, sha256Override?: string) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const capturedAt = new Date();
      const key = objectKey({
        enterpriseId,
        siteId: 'site-1',
        date: capturedAt,
        kind: 'scene',
        sha256,
        ext: 'jpg',
      });
      await storage.put(BUCKET, key, bytes, { contentType: 'image/jpeg', size: bytes.length });
      const payload: PayloadOf<typeof SNAPSHOTS> = {
        captureId,
        cameraId: 'cam-1',
        lane: { enterpriseId, siteId: 'site-1', gateId: 'gate-1', laneId: 'lane-1', direction: 'in' },
        capturedAt: capturedAt.toISOString(),
        trigger: 'ground-loop',
        image: {
          bucket: BUCKET,
          key,
          sha256: sha256Override ?? sha256,
          contentType: 'image/jpeg',
          bytes: bytes.length,
        },
      };
      return payload;
    }

    const readsOf = (captureId: string) => reads.filter((r) => r.payload.captureId === captureId);

    it('reads a real snapshot once, publishes the trusted read and stores its crop; a redelivery keeps the event id', async () => {
      const captureId = `cap-${randomUUID().slice(0, 8)}`;
      const payload = await putSnapshot(scene('double_yellow.jpg'), captureId);
      const sent = await publisher.publish(SNAPSHOTS, {
        enterpriseId,
        key: `${enterpriseId}/lane-1`,
        correlationId: 'corr-first',
        payload,
      });

      await expectEventually(() => expect(readsOf(captureId)).toHaveLength(1), { timeoutMs: 30_000 });
      const [read] = readsOf(captureId);
      expect(read).toMatchObject({
        type: 'anpr.plate.read.v1',
        enterpriseId,
        correlationId: 'corr-first',
        payload: {
          readId: read!.eventId,
          captureId,
          cameraId: 'cam-1',
          source: 'server',
          plate: { text: '京EA5331', colour: 'yellow' },
          verdict: 'trusted',
          reviewReasons: [],
          images: { scene: payload.image },
        },
      });
      // The lane's site was asked of the ledger with plate recognition's own token; the confident
      // read stayed as read (no raw text, nothing settled).
      expect(ledgerCalls[0]?.url).toBe(`/api/v1/enterprises/${enterpriseId}/known-plates?siteId=site-1`);
      const caller = await new TokenVerifier(issuer.verifierOptions).verify(
        ledgerCalls[0]!.authorization.replace(/^Bearer /, ''),
      );
      expect(caller).toMatchObject({ role: 'service', subject: 'plate-recognition' });
      expect(read!.payload.plate).not.toHaveProperty('settledBy');
      expect(read!.payload.plate).not.toHaveProperty('rawText');
      const crop = read!.payload.images.plate!;
      expect(crop.key).toMatch(
        new RegExp(`^${enterpriseId}/site-1/\\d{4}/\\d{2}/\\d{2}/plate/[0-9a-f]{64}\\.jpg$`),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of await storage.get(crop.bucket, crop.key)) chunks.push(chunk as Buffer);
      const cropBytes = Buffer.concat(chunks);
      expect(createHash('sha256').update(cropBytes).digest('hex')).toBe(crop.sha256);
      expect(cropBytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      if (profile === 'embedded') {
        // The crop is a file under $ECOGATE_HOME/objects (its version's body), written by the service.
        const folder = join(home, 'objects', crop.bucket);
        const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) =>
          f.endsWith('.data'),
        );
        expect(files.filter((f) => readFileSync(join(folder, f)).equals(cropBytes))).toHaveLength(1);
      }

      // The same envelope again (a producer retry): claimed already, skipped.
      await publisher.publishEnvelope(sent, `${enterpriseId}/lane-1`);
      // The same snapshot in a new envelope (claims lost on a restart): read again, same event id.
      await publisher.publish(SNAPSHOTS, {
        enterpriseId,
        key: `${enterpriseId}/lane-1`,
        correlationId: 'corr-again',
        payload,
      });
      await expectEventually(
        () => expect(readsOf(captureId).map((r) => r.correlationId)).toContain('corr-again'),
        { timeoutMs: 30_000 },
      );
      // One partition, in order: a read of the skipped envelope would have come before this one.
      expect(readsOf(captureId)).toHaveLength(2);
      expect(new Set(readsOf(captureId).map((r) => r.eventId))).toEqual(new Set([read!.eventId]));
    });

    it('dead-letters a snapshot whose bytes do not match its sha256, with the cause', async () => {
      const captureId = `cap-${randomUUID().slice(0, 8)}`;
      const payload = await putSnapshot(scene('double_yellow.jpg'), captureId, 'f'.repeat(64));
      const sent = await publisher.publish(SNAPSHOTS, {
        enterpriseId,
        key: `${enterpriseId}/lane-1`,
        payload,
      });

      // The group's dead letters, read as the operators' tools read them on either bus (which also
      // read the replay audit topic: created here, as those tools do).
      const deadLetters = transport.deadLetters(GROUP);
      await transport.ensureTopics(deadLetters.topics().map((name) => ({ name })));
      const record = await expectEventually(
        async () => {
          const entry = (await deadLetters.list()).find((e) => e.record.value.includes(sent.eventId));
          if (!entry) throw new Error('not dead-lettered yet');
          return entry.record;
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      expect(record).toMatchObject({
        consumerGroup: GROUP,
        attempts: 1,
        cause: { code: 'snapshot-sha256-mismatch', retriable: false },
      });
      expect(record.cause.message).toContain('f'.repeat(64));
      expect(readsOf(captureId)).toHaveLength(0);
    });
  },
);
