import { type ServiceName, TestIssuer } from '@ecogate/auth';
import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import { createKafka, ensureTopics, type EventHandlers, KafkaEventConsumer } from '@ecogate/messaging';
import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  runMigrations,
} from '@ecogate/persistence';
import { MinioObjectStorage } from '@ecogate/storage';
import { createLogger, type Logger } from '@ecogate/telemetry';
import { kafkaClientOptions, kafkaServiceEnv, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { cameraIngestConfig } from '../config/camera-ingest.config';
import { type RunningCameraIngest, startCameraIngest } from '../create-app';
import { cameraIngestDataSourceSettings } from '../database/camera-ingest.data-source';

export interface CameraIngestHarnessOptions {
  /** Names the suite's database (`camera_ingest_<name>_it`), logger, Kafka client and consumer group. */
  readonly name: string;
  /** The services the issuer signs service tokens for (`issuer.serviceBearer`). */
  readonly services?: readonly ServiceName[];
  /** Topics read back from Kafka from before the service starts: `received(topic)`. */
  readonly consume?: readonly TopicName[];
}

interface Running {
  readonly service: RunningCameraIngest;
  readonly issuer: TestIssuer;
  readonly dataSource: DataSource;
}

const BUCKET = 'ecogate-camera-ingest-it';

/**
 * camera-ingest as the integration specs run it: the whole service (both listeners) on a fresh,
 * migrated database, real Kafka and MinIO, real tokens from a test issuer, and the registry API as
 * the city's operator. Create it in `describe`, `start()` it in `beforeAll`, `close()` it in `afterAll`.
 */
export class CameraIngestHarness {
  readonly infra = loadInfraEnv();
  /** A fresh enterprise: the suite's devices are registered under it. */
  readonly enterprise = `it-${randomUUID().slice(0, 8)}`;
  readonly topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  /** The lane `addLane` registers, as the events of its cameras carry it. */
  readonly lane = {
    enterpriseId: this.enterprise,
    siteId: 'plant-1',
    gateId: 'gate-1',
    laneId: 'lane-in',
    direction: 'in',
  } as const;
  /** Where the service stores captures. */
  readonly bucket = BUCKET;
  readonly logger: Logger;
  private readonly inbox = new Map<TopicName, EventEnvelope[]>();
  /** What `close` undoes, in the order it was started. */
  private readonly started: (() => unknown)[] = [];
  private running: Running | undefined;
  private objects: MinioObjectStorage | undefined;

  constructor(private readonly options: CameraIngestHarnessOptions) {
    this.logger = createLogger({ service: `camera-ingest-${options.name}-int`, level: 'fatal' });
    for (const topic of options.consume ?? []) this.inbox.set(topic, []);
  }

  /**
   * Everything up, the service configured by `env` over the defaults (ONVIF supervision off, both
   * listeners on a free port); on a failure, whatever had started is released before the error is thrown.
   */
  async start(env: Readonly<Record<string, string>> = {}): Promise<void> {
    try {
      const issuer = await TestIssuer.start(this.options.services);
      this.started.push(() => issuer.close());
      const database = await createTemporaryDatabase(
        this.infra.DATABASE_URL,
        `camera_ingest_${this.options.name}_it`,
      );
      this.started.push(() => database.drop());
      const dataSource = createDataSource(cameraIngestDataSourceSettings(database.url, { logging: false }));
      await dataSource.initialize();
      this.started.push(() => dataSource.destroy());
      await runMigrations(dataSource);
      const config = cameraIngestConfig.load({
        DATABASE_URL: database.url,
        ...kafkaServiceEnv(this.infra),
        KAFKA_TOPIC_PREFIX: this.topicPrefix,
        S3_ENDPOINT: this.infra.S3_ENDPOINT,
        S3_ACCESS_KEY: this.infra.S3_ACCESS_KEY,
        S3_SECRET_KEY: this.infra.S3_SECRET_KEY,
        S3_BUCKET: BUCKET,
        DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
        AUTH_JWKS_URL: issuer.jwksUrl,
        HTTP_PORT: '0',
        API_HTTP_PORT: '0',
        LOG_LEVEL: 'fatal',
        ONVIF_SUPERVISION_ENABLED: 'false',
        ...env,
      });
      // Subscribed first, so nothing the service publishes while it starts is missed.
      if (this.options.consume?.length) await this.startConsumer();
      const service = await startCameraIngest(config, this.logger, { verifier: issuer.verifierOptions });
      this.started.push(() => service.close());
      this.running = { service, issuer, dataSource };
    } catch (error) {
      await this.close().catch((releasing: unknown) => {
        throw new AggregateError([error, releasing], 'the harness failed to start, then to release');
      });
      throw error;
    }
  }

  /** Stops everything started, the last first, each step even when an earlier one failed. */
  async close(): Promise<void> {
    this.running = undefined;
    await releaseAll(...this.started.splice(0).reverse());
  }

  get service(): RunningCameraIngest {
    return this.ready.service;
  }

  get issuer(): TestIssuer {
    return this.ready.issuer;
  }

  /** The service's database, for what the API does not show. */
  get dataSource(): DataSource {
    return this.ready.dataSource;
  }

  /**
   * The registry on the API listener, as the city's operator unless another `authorization` header
   * is given (`''` sends none that verifies); under the suite's enterprise unless `tenant` names another.
   */
  readonly api = async (
    method: string,
    path: string,
    body?: unknown,
    authorization?: string,
    tenant = this.enterprise,
  ): Promise<Response> =>
    fetch(`${this.service.apiUrl}/api/v1/enterprises/${tenant}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: authorization ?? (await this.issuer.bearer({ role: 'city-operator' })),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Site `plant-1` (`site`: its body) → gate `gate-1` → lane `lane-in` (direction in): `lane`. */
  async addLane(site: Record<string, unknown> = { name: 'Plant 1' }): Promise<void> {
    const { siteId, gateId, laneId, direction } = this.lane;
    expect((await this.api('PUT', `/sites/${siteId}`, site)).status).toBe(204);
    expect((await this.api('PUT', `/gates/${gateId}`, { siteId, name: 'Gate 1' })).status).toBe(204);
    expect((await this.api('PUT', `/lanes/${laneId}`, { gateId, name: 'In', direction })).status).toBe(204);
  }

  /** Every event of `topic` received so far (a live list; the topic must be in `consume`). */
  received<T extends TopicName>(topic: T): EventEnvelope<T>[] {
    const events = this.inbox.get(topic);
    if (!events) throw new Error(`${topic} is not consumed: name it in the harness's \`consume\``);
    // Filled by the handler of `topic` alone, which the consumer hands only that topic's events.
    return events as EventEnvelope<T>[];
  }

  /** An object the service stored, read back through a client of its own, as another service would. */
  async stored(key: string): Promise<Buffer> {
    this.objects ??= new MinioObjectStorage({
      endpoint: this.infra.S3_ENDPOINT,
      accessKey: this.infra.S3_ACCESS_KEY,
      secretKey: this.infra.S3_SECRET_KEY,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of await this.objects.get(BUCKET, key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private get ready(): Running {
    if (!this.running) throw new Error('the camera-ingest harness is not running: start() it in beforeAll');
    return this.running;
  }

  private async startConsumer(): Promise<void> {
    const { name } = this.options;
    const kafka = createKafka({
      ...kafkaClientOptions(this.infra),
      clientId: `camera-ingest-${name}-int`,
      topicPrefix: this.topicPrefix,
      logger: this.logger,
    });
    const handlers: EventHandlers = {};
    for (const [topic, events] of this.inbox)
      handlers[topic] = async (event: EventEnvelope) => void events.push(event);
    const consumer = new KafkaEventConsumer(
      kafka,
      { topicPrefix: this.topicPrefix, logger: this.logger },
      { groupId: `${name}-${randomUUID().slice(0, 8)}`, handlers },
    );
    this.started.push(() => consumer.stop());
    await ensureTopics(
      kafka,
      consumer.topics().map((topic) => ({ name: topic })),
    );
    await consumer.start();
    await consumer.ready();
  }
}
