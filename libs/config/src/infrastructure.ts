import { z } from 'zod';
import { defineConfig } from './define-config';
import { bool, hostPortList, logLevel, port, secret, url } from './env-fields';
import { type Secret } from './secret';

// The environment variables every service shares, and the typed sections they map to.
// An app composes the sections it needs with its own variables through `defineConfig`.

export const databaseEnv = {
  DATABASE_URL: url(['postgres', 'postgresql']).transform((v) => new SecretUrl(v)),
};
export const kafkaEnv = {
  KAFKA_BROKERS: hostPortList(),
  KAFKA_CLIENT_ID: z
    .string()
    .regex(/^[\w.-]+$/)
    .optional(),
  /** Prepended to every topic and group name: several cities (or test runs) on one cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/)
    .default(''),
};
export const storageEnv = {
  S3_ENDPOINT: url(['http', 'https']),
  S3_ACCESS_KEY: z.string().min(1),
  S3_SECRET_KEY: secret(),
  S3_REGION: z.string().default('us-east-1'),
};
export const observabilityEnv = {
  LOG_LEVEL: logLevel(),
  METRICS_PORT: port(9464),
  METRICS_HOST: z.string().default('127.0.0.1'),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
  TELEMETRY_ENABLED: bool(true),
};
export const httpEnv = { HTTP_PORT: port(3000), HTTP_HOST: z.string().default('127.0.0.1') };

/** A connection URL whose password must not be logged. */
export class SecretUrl {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    const parsed = new URL(this.#value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}

export interface StorageConfig {
  endpoint: string;
  accessKey: string;
  secretKey: Secret;
  region: string;
}

export const storageConfig = (env: z.infer<z.ZodObject<typeof storageEnv>>): StorageConfig => ({
  endpoint: env.S3_ENDPOINT,
  accessKey: env.S3_ACCESS_KEY,
  secretKey: env.S3_SECRET_KEY,
  region: env.S3_REGION,
});

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
}

/** The Kafka section; `clientId` names the service unless KAFKA_CLIENT_ID says otherwise. */
export const kafkaConfig = (env: z.infer<z.ZodObject<typeof kafkaEnv>>, clientId: string): KafkaConfig => ({
  brokers: env.KAFKA_BROKERS,
  clientId: env.KAFKA_CLIENT_ID ?? clientId,
  topicPrefix: env.KAFKA_TOPIC_PREFIX,
});

export interface ObservabilityConfig {
  logLevel: string;
  metrics: { host: string; port: number };
  otlpEndpoint?: string;
  enabled: boolean;
}

export const observabilityConfig = (
  env: z.infer<z.ZodObject<typeof observabilityEnv>>,
): ObservabilityConfig => ({
  logLevel: env.LOG_LEVEL,
  metrics: { host: env.METRICS_HOST, port: env.METRICS_PORT },
  ...(env.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
  enabled: env.TELEMETRY_ENABLED,
});

/** Example of a complete definition, also used by tools that only need the shared infrastructure. */
export const infrastructureConfig = defineConfig(
  { ...databaseEnv, ...kafkaEnv, ...storageEnv, ...observabilityEnv },
  (env) => ({
    database: { url: env.DATABASE_URL },
    kafka: { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID },
    storage: storageConfig(env),
    observability: observabilityConfig(env),
  }),
);
