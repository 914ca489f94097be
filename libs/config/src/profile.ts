import { z } from 'zod';
import { ConfigError } from './config-error';
import { hostPortList, port, secret, url } from './env-fields';
import {
  type KafkaConfig,
  kafkaEnv,
  kafkaSecurityConfig,
  SecretUrl,
  type StorageConfig,
} from './infrastructure';
import { Secret } from './secret';

// The deployment profile of each adapter (ADR 0008), chosen by configuration, never by code: the
// cluster profile (Kafka, MinIO) when its endpoint is configured, else the embedded one (the
// Postgres-backed event bus, the filesystem object store). `MESSAGING` / `OBJECT_STORAGE` force one.

/** Where the embedded profile keeps its data (Postgres, objects), kept across restarts. */
export const embeddedHomeEnv = {
  ECOGATE_HOME: z.string().min(1).default('./.ecogate'),
  /** The embedded PostgreSQL's port on 127.0.0.1. */
  ECOGATE_POSTGRES_PORT: port(5433),
};

export const messagingEnv = {
  ...kafkaEnv,
  MESSAGING: z.enum(['kafka', 'embedded']).optional(),
  KAFKA_BROKERS: hostPortList().optional(),
  /** The embedded bus's log database, shared by every service of the machine. */
  EVENT_LOG_DATABASE_URL: url(['postgres', 'postgresql'])
    .transform((value) => new SecretUrl(value))
    .optional(),
  EVENT_LOG_RETENTION_HOURS: z.coerce.number().int().positive().default(168),
};

export type MessagingConfig =
  | { kind: 'kafka'; kafka: KafkaConfig }
  | { kind: 'embedded'; eventLogUrl: SecretUrl; topicPrefix: string; retentionHours: number };

/** The messaging section: Kafka when KAFKA_BROKERS is set (or MESSAGING=kafka), else the embedded bus. */
export function messagingConfig(
  env: z.infer<z.ZodObject<typeof messagingEnv>>,
  clientId: string,
): MessagingConfig {
  const kind = env.MESSAGING ?? (env.KAFKA_BROKERS ? 'kafka' : 'embedded');
  if (kind === 'kafka') {
    if (!env.KAFKA_BROKERS)
      throw new ConfigError([{ variable: 'KAFKA_BROKERS', reason: 'is required with MESSAGING=kafka' }]);
    return {
      kind,
      kafka: {
        brokers: env.KAFKA_BROKERS,
        clientId: env.KAFKA_CLIENT_ID ?? clientId,
        topicPrefix: env.KAFKA_TOPIC_PREFIX,
        ...kafkaSecurityConfig(env),
      },
    };
  }
  if (!env.EVENT_LOG_DATABASE_URL)
    throw new ConfigError([
      {
        variable: 'EVENT_LOG_DATABASE_URL',
        reason: 'is required for the embedded event bus (no KAFKA_BROKERS set)',
      },
    ]);
  return {
    kind,
    eventLogUrl: env.EVENT_LOG_DATABASE_URL,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    retentionHours: env.EVENT_LOG_RETENTION_HOURS,
  };
}

export const objectStorageEnv = {
  ...embeddedHomeEnv,
  OBJECT_STORAGE: z.enum(['minio', 'filesystem']).optional(),
  S3_ENDPOINT: url(['http', 'https']).optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: secret().optional(),
  S3_REGION: z.string().default('us-east-1'),
  /** Where the gateway serves signed links to filesystem objects. */
  SIGNED_LINK_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:3000/objects'),
  /** HMAC key of signed links: at least 32 characters, the same for every service of the machine. */
  SIGNED_LINK_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .transform((value) => new Secret(value))
    .optional(),
};

export type ObjectStorageConfig =
  | { kind: 'minio'; minio: StorageConfig }
  | { kind: 'filesystem'; root: string; signedLinks: { baseUrl: string; secret: Secret } };

/**
 * Which object storage the environment chooses, without asking for that profile's variables: for
 * a process that only needs to know (the gateway serves signed links in the filesystem profile and
 * never talks to MinIO, so it holds no MinIO credentials).
 */
export function objectStorageKind(
  env: Pick<z.infer<z.ZodObject<typeof objectStorageEnv>>, 'OBJECT_STORAGE' | 'S3_ENDPOINT'>,
): ObjectStorageConfig['kind'] {
  return env.OBJECT_STORAGE ?? (env.S3_ENDPOINT ? 'minio' : 'filesystem');
}

/** The object storage section: MinIO when S3_ENDPOINT is set (or OBJECT_STORAGE=minio), else `$ECOGATE_HOME/objects`. */
export function objectStorageConfig(env: z.infer<z.ZodObject<typeof objectStorageEnv>>): ObjectStorageConfig {
  const kind = objectStorageKind(env);
  if (kind === 'minio') {
    const missing = (['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const).filter((name) => !env[name]);
    if (missing.length > 0 || !env.S3_ENDPOINT || !env.S3_ACCESS_KEY || !env.S3_SECRET_KEY)
      throw new ConfigError(
        missing.map((variable) => ({ variable, reason: 'is required for MinIO object storage' })),
      );
    return {
      kind,
      minio: {
        endpoint: env.S3_ENDPOINT,
        accessKey: env.S3_ACCESS_KEY,
        secretKey: env.S3_SECRET_KEY,
        region: env.S3_REGION,
      },
    };
  }
  if (!env.SIGNED_LINK_SECRET)
    throw new ConfigError([
      {
        variable: 'SIGNED_LINK_SECRET',
        reason: 'is required for filesystem object storage (no S3_ENDPOINT set)',
      },
    ]);
  return {
    kind,
    root: `${env.ECOGATE_HOME.replace(/\/+$/, '')}/objects`,
    signedLinks: { baseUrl: env.SIGNED_LINK_BASE_URL, secret: env.SIGNED_LINK_SECRET },
  };
}
