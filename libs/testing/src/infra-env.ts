import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Connection settings of the local services that `npm run infra:up` started. */
export interface InfraEnv {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string;
  readonly S3_ENDPOINT: string;
  readonly S3_ACCESS_KEY: string;
  readonly S3_SECRET_KEY: string;
}

const KEYS: readonly (keyof InfraEnv)[] = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
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
