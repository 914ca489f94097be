import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error';
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
  ...kafkaSecurityEnvFields(),
};

/**
 * How a service reaches Kafka (ADR 0006): SASL/SCRAM as its own principal, over TLS. All unset:
 * plaintext without authentication (a city whose Kafka terminates elsewhere).
 */
function kafkaSecurityEnvFields() {
  return {
    /** The service's principal; with it, KAFKA_SASL_PASSWORD is required. */
    KAFKA_SASL_USERNAME: z.string().min(1).optional(),
    KAFKA_SASL_PASSWORD: secret().optional(),
    KAFKA_SASL_MECHANISM: z.enum(['scram-sha-512', 'scram-sha-256']).default('scram-sha-512'),
    /** TLS to the brokers with the system CAs; implied by KAFKA_TLS_CA_FILE. */
    KAFKA_TLS: bool(false),
    /** PEM file of the CA that signed the brokers' certificates (turns TLS on). */
    KAFKA_TLS_CA_FILE: z
      .string()
      .min(1)
      .refine((file) => existsSync(file), { message: 'no such file' })
      .optional(),
  };
}
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

export interface KafkaSecurityConfig {
  /** TLS to the brokers; `caFile` replaces the system CAs. */
  tls?: { caFile?: string };
  sasl?: { mechanism: 'scram-sha-512' | 'scram-sha-256'; username: string; password: Secret };
}

export interface KafkaConfig extends KafkaSecurityConfig {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
}

type KafkaSecurityEnv = Pick<
  z.infer<z.ZodObject<typeof kafkaEnv>>,
  'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_TLS' | 'KAFKA_TLS_CA_FILE'
>;

/** The TLS and SASL settings; a username without a password (or the reverse) is a config error. */
export function kafkaSecurityConfig(env: KafkaSecurityEnv): KafkaSecurityConfig {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigError([
      username === undefined
        ? { variable: 'KAFKA_SASL_USERNAME', reason: 'is required with KAFKA_SASL_PASSWORD' }
        : { variable: 'KAFKA_SASL_PASSWORD', reason: 'is required with KAFKA_SASL_USERNAME' },
    ]);
  }
  const tls = env.KAFKA_TLS || env.KAFKA_TLS_CA_FILE !== undefined;
  return {
    ...(tls ? { tls: env.KAFKA_TLS_CA_FILE ? { caFile: env.KAFKA_TLS_CA_FILE } : {} } : {}),
    ...(username && password ? { sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username, password } } : {}),
  };
}

/** The Kafka section; `clientId` names the service unless KAFKA_CLIENT_ID says otherwise. */
export const kafkaConfig = (env: z.infer<z.ZodObject<typeof kafkaEnv>>, clientId: string): KafkaConfig => ({
  brokers: env.KAFKA_BROKERS,
  clientId: env.KAFKA_CLIENT_ID ?? clientId,
  topicPrefix: env.KAFKA_TOPIC_PREFIX,
  ...kafkaSecurityConfig(env),
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
    kafka: { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID, ...kafkaSecurityConfig(env) },
    storage: storageConfig(env),
    observability: observabilityConfig(env),
  }),
);
