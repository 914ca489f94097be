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
