import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Secret } from '@ecogate/config';

/** Connection settings of the local services that `npm run infra:up` started. */
export interface InfraEnv {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string;
  /** Kafka takes SASL_SSL only (ADR 0006); tests connect as the super user `admin`. */
  readonly KAFKA_SASL_MECHANISM: string;
  readonly KAFKA_SASL_USERNAME: string;
  readonly KAFKA_SASL_PASSWORD: string;
  /** PEM of the local CA that signed the broker's certificate. */
  readonly KAFKA_TLS_CA_FILE: string;
  readonly S3_ENDPOINT: string;
  readonly S3_ACCESS_KEY: string;
  readonly S3_SECRET_KEY: string;
}

const KEYS: readonly (keyof InfraEnv)[] = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_TLS_CA_FILE',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY',
  'S3_SECRET_KEY',
];

/** Path of the file `infra:up` writes; `ECOGATE_INFRA_ENV` points elsewhere. */
export function infraEnvPath(): string {
  return process.env['ECOGATE_INFRA_ENV'] ?? resolve(__dirname, '../../../.data/infra.env');
}

/**
 * Reads `.data/infra.env` (KEY=VALUE lines); variables already in the process environment win.
 * Throws with the remedy when the services were never started.
 */
export function loadInfraEnv(): InfraEnv {
  const fromFile = existsSync(infraEnvPath()) ? parseEnvFile(readFileSync(infraEnvPath(), 'utf8')) : {};
  const merged: Record<string, string> = {};
  for (const key of KEYS) {
    const value = process.env[key] ?? fromFile[key];
    if (!value) {
      throw new Error(
        `${key} is not set and ${infraEnvPath()} does not define it: run \`npm run infra:up\` first.`,
      );
    }
    merged[key] = value;
  }
  return merged as unknown as InfraEnv;
}

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) out[match[1]] = match[2].trim();
  }
  return out;
}

/** The services that hold a MinIO key of their own (`deploy/local/minio-access.sh`). */
export const OBJECT_STORAGE_SERVICES = [
  'camera-ingest',
  'plate-recognition',
  'ledger',
  'provincial-upload',
  'video-archive',
] as const;
export type ObjectStorageService = (typeof OBJECT_STORAGE_SERVICES)[number];

export interface ServiceKey {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** Path of the per-service keys `infra:up` writes; `ECOGATE_SERVICE_KEYS_ENV` points elsewhere. */
export function serviceKeysPath(): string {
  return process.env['ECOGATE_SERVICE_KEYS_ENV'] ?? resolve(__dirname, '../../../.data/service-keys.env');
}

/**
 * The MinIO key of one service from `.data/service-keys.env` (`S3_ACCESS_KEY_<SERVICE>`,
 * `S3_SECRET_KEY_<SERVICE>`; variables already in the process environment win). Limited by its
 * policy to that service's buckets and actions, unlike `loadInfraEnv()`'s root key.
 */
export function loadServiceKey(service: ObjectStorageService): ServiceKey {
  const suffix = service.toUpperCase().replace(/-/g, '_');
  const fromFile = existsSync(serviceKeysPath()) ? parseEnvFile(readFileSync(serviceKeysPath(), 'utf8')) : {};
  const read = (name: string): string => {
    const value = process.env[name] ?? fromFile[name];
    if (!value) {
      throw new Error(
        `${name} is not set and ${serviceKeysPath()} does not define it: run \`npm run infra:up\` first.`,
      );
    }
    return value;
  };
  return { accessKey: read(`S3_ACCESS_KEY_${suffix}`), secretKey: read(`S3_SECRET_KEY_${suffix}`) };
}

type InfraKafka = Pick<
  InfraEnv,
  | 'KAFKA_BROKERS'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
  | 'KAFKA_TLS_CA_FILE'
>;

/** Kafka client settings of the local broker for `createKafka`: brokers, TLS with the local CA, SASL as `admin`. */
export function kafkaClientOptions(infra: InfraKafka = loadInfraEnv()): {
  brokers: string[];
  tls: { caFile: string };
  sasl: { mechanism: 'scram-sha-512' | 'scram-sha-256'; username: string; password: Secret };
} {
  return {
    brokers: infra.KAFKA_BROKERS.split(','),
    tls: { caFile: infra.KAFKA_TLS_CA_FILE },
    sasl: {
      mechanism: infra.KAFKA_SASL_MECHANISM === 'scram-sha-256' ? 'scram-sha-256' : 'scram-sha-512',
      username: infra.KAFKA_SASL_USERNAME,
      password: new Secret(infra.KAFKA_SASL_PASSWORD),
    },
  };
}

/** The Kafka variables of a service process started by a test (its config reads them), as `admin`. */
export function kafkaServiceEnv(infra: InfraKafka = loadInfraEnv()): Record<string, string> {
  return {
    KAFKA_BROKERS: infra.KAFKA_BROKERS,
    KAFKA_SASL_MECHANISM: infra.KAFKA_SASL_MECHANISM,
    KAFKA_SASL_USERNAME: infra.KAFKA_SASL_USERNAME,
    KAFKA_SASL_PASSWORD: infra.KAFKA_SASL_PASSWORD,
    KAFKA_TLS_CA_FILE: infra.KAFKA_TLS_CA_FILE,
  };
}

/** Path of the per-service Kafka passwords `infra:up` writes (`ECOGATE_KAFKA_PRINCIPALS_ENV` points elsewhere). */
export function kafkaPrincipalsPath(): string {
  return (
    process.env['ECOGATE_KAFKA_PRINCIPALS_ENV'] ?? resolve(dirname(infraEnvPath()), 'kafka-principals.env')
  );
}

/**
 * The services' own Kafka principals (`.data/kafka-principals.env`: `KAFKA_PASSWORD_<SERVICE>=…`),
 * service name → password, for the tests of the ACLs; `undefined` when `infra:up` wrote none.
 */
export function loadKafkaPrincipals(): Record<string, Secret> | undefined {
  if (!existsSync(kafkaPrincipalsPath())) return undefined;
  return parseKafkaPrincipals(readFileSync(kafkaPrincipalsPath(), 'utf8'));
}

export function parseKafkaPrincipals(text: string): Record<string, Secret> {
  const out: Record<string, Secret> = {};
  for (const [key, value] of Object.entries(parseEnvFile(text))) {
    const match = /^KAFKA_PASSWORD_([A-Z0-9_]+)$/.exec(key);
    if (match?.[1] && value) out[match[1].toLowerCase().replace(/_/g, '-')] = new Secret(value);
  }
  return out;
}
