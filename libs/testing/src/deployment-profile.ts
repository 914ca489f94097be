import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MessagingConfig, type ObjectStorageConfig, Secret, SecretUrl } from '@ecogate/config';
import { type InfraEnv, kafkaClientOptions, kafkaServiceEnv, loadInfraEnv } from './infra-env';

// The two deployment profiles of ADR 0008 for a test: the cluster one (the infra Kafka and MinIO)
// and the embedded one (the event log in a temporary database of the infra Postgres, the
// filesystem object store in a temporary folder). The settings are `@ecogate/config`'s types, the
// ones `messagingConfig`/`objectStorageConfig` map the environment to; `createMessagingTransport`
// and `createObjectStorage` take them as they are. (This lib cannot import `@ecogate/messaging`,
// `@ecogate/storage` or `@ecogate/persistence`: they depend on it.)

/** The deployment profiles of ADR 0008: Kafka and MinIO, or the embedded log and the filesystem. */
export const PROFILES = ['kafka', 'embedded'] as const;
export type Profile = (typeof PROFILES)[number];

export type KafkaMessagingConfig = Extract<MessagingConfig, { kind: 'kafka' }>;
export type MinioObjectStorageConfig = Extract<ObjectStorageConfig, { kind: 'minio' }>;

/** The default of `SIGNED_LINK_BASE_URL`: where the gateway would serve the filesystem's signed links. */
export const DEFAULT_SIGNED_LINK_BASE_URL = 'http://127.0.0.1:3000/objects';

/** The infra Kafka as `admin` over SASL_SSL (tests isolate themselves by a random topic prefix). */
export function kafkaTestMessaging(input: {
  readonly clientId: string;
  readonly topicPrefix: string;
  /** Instead of the infra's brokers (a cuttable proxy in front of them, say). */
  readonly brokers?: readonly string[];
  readonly infra?: InfraEnv;
}): KafkaMessagingConfig {
  const options = kafkaClientOptions(input.infra ?? loadInfraEnv());
  return {
    kind: 'kafka',
    kafka: {
      ...options,
      brokers: [...(input.brokers ?? options.brokers)],
      clientId: input.clientId,
      topicPrefix: input.topicPrefix,
    },
  };
}

/** The infra MinIO with its root key. */
export function minioTestStorage(infra: InfraEnv = loadInfraEnv()): MinioObjectStorageConfig {
  return {
    kind: 'minio',
    minio: {
      endpoint: infra.S3_ENDPOINT,
      accessKey: infra.S3_ACCESS_KEY,
      secretKey: new Secret(infra.S3_SECRET_KEY),
      region: 'us-east-1',
    },
  };
}

/** `createTemporaryDatabase` of `@ecogate/persistence` (this lib does not reach Postgres itself). */
export type CreateTemporaryDatabase = (
  adminUrl: string,
  prefix: string,
) => Promise<{ readonly url: string; drop(): Promise<void> }>;

export interface TestProfileOptions {
  /** The Kafka client id of `messaging` (the `env` leaves it to the service's configuration). */
  readonly clientId: string;
  /**
   * Names what the embedded profile creates (lower case, digits, `-`): the log's database
   * `<name>_events_…` (so a clean-up can find one a killed run left) and the folder `<name>-…`.
   */
  readonly name: string;
  /** Default: a random `it-<8 hex>.`, so that runs never share topics. */
  readonly topicPrefix?: string;
  /** Makes the embedded log's database: pass `createTemporaryDatabase` of `@ecogate/persistence`. */
  readonly createDatabase: CreateTemporaryDatabase;
  /** Default: `loadInfraEnv()`. */
  readonly infra?: InfraEnv;
  /** Where the filesystem's signed links point (a test's own link server); default the gateway's. */
  readonly signedLinkBaseUrl?: string;
}

/** One test run's adapters on a profile. */
export interface TestProfile {
  readonly profile: Profile;
  readonly topicPrefix: string;
  /** For `createMessagingTransport` and a service config's `messaging`. */
  readonly messaging: MessagingConfig;
  /** For `createObjectStorage` and a service config's `objectStorage`. */
  readonly objectStorage: ObjectStorageConfig;
  /**
   * The same settings as the variables `messagingEnv`/`objectStorageEnv` read, for a service
   * configured from its environment (its configuration alone then picks the adapters).
   */
  readonly env: Record<string, string>;
  /** Drops the embedded log's database and deletes the folder, once nothing uses them; nothing on Kafka/MinIO. */
  release(): Promise<void>;
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * The settings of `profile` for one test run: the infra Kafka and MinIO, or the embedded event log
 * in a temporary database of the infra Postgres and the filesystem store under a temporary
 * `ECOGATE_HOME` (objects in its `objects` folder, as `objectStorageConfig` puts them) with a
 * random signing secret.
 */
export async function testProfile(profile: Profile, options: TestProfileOptions): Promise<TestProfile> {
  if (!NAME.test(options.name)) throw new Error(`Invalid test profile name ${options.name}`);
  const infra = options.infra ?? loadInfraEnv();
  const topicPrefix = options.topicPrefix ?? `it-${randomUUID().slice(0, 8)}.`;
  if (profile === 'kafka')
    return {
      profile,
      topicPrefix,
      messaging: kafkaTestMessaging({ clientId: options.clientId, topicPrefix, infra }),
      objectStorage: minioTestStorage(infra),
      env: {
        ...kafkaServiceEnv(infra),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        S3_ENDPOINT: infra.S3_ENDPOINT,
        S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
        S3_SECRET_KEY: infra.S3_SECRET_KEY,
      },
      release: async () => undefined,
    };
  const home = await mkdtemp(join(tmpdir(), `${options.name}-`));
  let eventLog: Awaited<ReturnType<CreateTemporaryDatabase>> | undefined;
  const release = async () => {
    try {
      await eventLog?.drop();
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  };
  try {
    eventLog = await options.createDatabase(infra.DATABASE_URL, `${options.name.replace(/-/g, '_')}_events`);
  } catch (error) {
    await release();
    throw error;
  }
  const root = join(home, 'objects');
  const baseUrl = options.signedLinkBaseUrl ?? DEFAULT_SIGNED_LINK_BASE_URL;
  const secret = randomBytes(32).toString('base64url');
  return {
    profile,
    topicPrefix,
    messaging: {
      kind: 'embedded',
      eventLogUrl: new SecretUrl(eventLog.url),
      topicPrefix,
      retentionHours: 168,
    },
    objectStorage: { kind: 'filesystem', root, signedLinks: { baseUrl, secret: new Secret(secret) } },
    env: {
      EVENT_LOG_DATABASE_URL: eventLog.url,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      ECOGATE_HOME: home,
      SIGNED_LINK_SECRET: secret,
      SIGNED_LINK_BASE_URL: baseUrl,
    },
    release,
  };
}
