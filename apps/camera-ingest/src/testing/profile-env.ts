import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTemporaryDatabase } from '@ecogate/persistence';
import { type InfraEnv, kafkaServiceEnv } from '@ecogate/testing';

/** The two deployment profiles (ADR 0008): Kafka and MinIO, or the embedded log and the filesystem. */
export type Profile = 'kafka' | 'embedded';
export const PROFILES: readonly Profile[] = ['kafka', 'embedded'];

export interface ProfileEnv {
  /** The event bus and object storage variables of one test run (topics isolated by a random prefix). */
  readonly env: Record<string, string>;
  /** Drops the embedded log's database and removes `ECOGATE_HOME`, once nothing uses them. */
  release(): Promise<void>;
}

/**
 * The environment that picks a profile through camera-ingest's own configuration: the infra Kafka
 * and MinIO, or the embedded log in a temporary database of the infra Postgres and the filesystem
 * store under a temporary `ECOGATE_HOME`.
 */
export async function profileEnv(profile: Profile, infra: InfraEnv): Promise<ProfileEnv> {
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  if (profile === 'kafka')
    return {
      env: {
        ...kafkaServiceEnv(infra),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        S3_ENDPOINT: infra.S3_ENDPOINT,
        S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
        S3_SECRET_KEY: infra.S3_SECRET_KEY,
      },
      release: async () => undefined,
    };
  const log = await createTemporaryDatabase(infra.DATABASE_URL, 'camera_ingest_log');
  const home = await mkdtemp(join(tmpdir(), 'camera-ingest-it-'));
  return {
    env: {
      EVENT_LOG_DATABASE_URL: log.url,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      ECOGATE_HOME: home,
      SIGNED_LINK_SECRET: randomBytes(32).toString('base64url'),
    },
    release: async () => {
      await log.drop();
      await rm(home, { recursive: true, force: true });
    },
  };
}
