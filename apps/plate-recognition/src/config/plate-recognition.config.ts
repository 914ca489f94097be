import { type AuthConfig, authConfig, authEnv } from '@ecogate/auth';
import {
  bool,
  ConfigError,
  defineConfig,
  httpEnv,
  kafkaEnv,
  type KafkaSecurityConfig,
  kafkaSecurityConfig,
  observabilityConfig,
  observabilityEnv,
  type ObservabilityConfig,
  positiveInt,
  type Secret,
  storageEnv,
} from '@ecogate/config';
import { type LprConfig, lprConfigFrom, lprEnv } from '@ecogate/lpr';
import { z } from 'zod';

/** The Kafka path: snapshots in, server plate reads out, images through object storage. */
export interface SnapshotPipelineConfig {
  readonly kafka: KafkaSecurityConfig & {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topicPrefix?: string;
    /** Consumer group of `camera.snapshot.captured.v1`; its dead letters go to `<group>.dead-letter.v1`. */
    readonly groupId: string;
  };
  readonly storage: {
    readonly endpoint: string;
    readonly accessKey: string;
    readonly secretKey: Secret;
    readonly region: string;
  };
  /** Snapshots larger than this are dead-lettered without being downloaded in full. */
  readonly maxImageBytes: number;
}

export interface PlateRecognitionConfig {
  readonly http: { readonly host: string; readonly port: number; readonly maxBodyBytes: number };
  readonly observability: ObservabilityConfig;
  /** Token verification: the gateway's JWKS, and the services' keys for their own tokens. */
  readonly auth: AuthConfig;
  readonly lpr: LprConfig;
  /** Absent when `KAFKA_ENABLED=false`: the service then only answers `POST /recognize`. */
  readonly snapshots?: SnapshotPipelineConfig;
}

/** The service's environment, validated once at boot (every bad variable is named). */
export const plateRecognitionConfig = defineConfig(
  {
    ...httpEnv,
    ...observabilityEnv,
    ...authEnv,
    /** Largest accepted image upload; bigger bodies get 413 before they are read in full. */
    LPR_MAX_BODY_BYTES: positiveInt(10 * 1024 * 1024),
    ...lprEnv,
    /** Consume `camera.snapshot.captured.v1` and publish `anpr.plate.read.v1` (then Kafka and S3 are required). */
    KAFKA_ENABLED: bool(true),
    KAFKA_BROKERS: kafkaEnv.KAFKA_BROKERS.optional(),
    KAFKA_CLIENT_ID: kafkaEnv.KAFKA_CLIENT_ID,
    KAFKA_SASL_USERNAME: kafkaEnv.KAFKA_SASL_USERNAME,
    KAFKA_SASL_PASSWORD: kafkaEnv.KAFKA_SASL_PASSWORD,
    KAFKA_SASL_MECHANISM: kafkaEnv.KAFKA_SASL_MECHANISM,
    KAFKA_TLS: kafkaEnv.KAFKA_TLS,
    KAFKA_TLS_CA_FILE: kafkaEnv.KAFKA_TLS_CA_FILE,
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[\w.-]*$/)
      .optional(),
    KAFKA_GROUP_ID: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('plate-recognition'),
    S3_ENDPOINT: storageEnv.S3_ENDPOINT.optional(),
    S3_ACCESS_KEY: storageEnv.S3_ACCESS_KEY.optional(),
    S3_SECRET_KEY: storageEnv.S3_SECRET_KEY.optional(),
    S3_REGION: storageEnv.S3_REGION,
  },
  (env): PlateRecognitionConfig => {
    const base = {
      http: { host: env.HTTP_HOST, port: env.HTTP_PORT, maxBodyBytes: env.LPR_MAX_BODY_BYTES },
      observability: observabilityConfig(env),
      auth: authConfig(env),
      lpr: lprConfigFrom(env),
    };
    if (!env.KAFKA_ENABLED) return base;
    const { KAFKA_BROKERS, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY } = env;
    if (!KAFKA_BROKERS || !S3_ENDPOINT || !S3_ACCESS_KEY || !S3_SECRET_KEY) {
      const required = { KAFKA_BROKERS, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY };
      throw new ConfigError(
        Object.entries(required)
          .filter(([, value]) => value === undefined)
          .map(([variable]) => ({ variable, reason: 'is required when KAFKA_ENABLED=true' })),
      );
    }
    return {
      ...base,
      snapshots: {
        kafka: {
          brokers: KAFKA_BROKERS,
          clientId: env.KAFKA_CLIENT_ID ?? 'plate-recognition',
          ...(env.KAFKA_TOPIC_PREFIX ? { topicPrefix: env.KAFKA_TOPIC_PREFIX } : {}),
          groupId: env.KAFKA_GROUP_ID,
          ...kafkaSecurityConfig(env),
        },
        storage: {
          endpoint: S3_ENDPOINT,
          accessKey: S3_ACCESS_KEY,
          secretKey: S3_SECRET_KEY,
          region: env.S3_REGION,
        },
        maxImageBytes: env.LPR_MAX_BODY_BYTES,
      },
    };
  },
);

export const APP_CONFIG = Symbol('APP_CONFIG');
