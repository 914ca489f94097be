import { randomUUID } from 'node:crypto';
import { Secret } from '@ecogate/config';
import { type MessagingSettings } from '@ecogate/messaging';
import { createTemporaryDatabase } from '@ecogate/persistence';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';

/** The two deployment profiles of the event bus (ADR 0008). */
export type MessagingProfile = 'kafka' | 'embedded';
export const MESSAGING_PROFILES: readonly MessagingProfile[] = ['kafka', 'embedded'];

export interface TestMessaging {
  /** What `startBarrierControl` and the test's own transport are given. */
  readonly settings: MessagingSettings;
  /** Drops the embedded log's database (after every transport on it is closed); nothing for Kafka. */
  release(): Promise<void>;
}

/**
 * One test run's bus on a profile, isolated by a random topic prefix: the infra Kafka, or the
 * embedded log in a temporary database of the infra Postgres.
 */
export async function testMessaging(profile: MessagingProfile, clientId: string): Promise<TestMessaging> {
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  if (profile === 'kafka')
    return {
      settings: { kind: 'kafka', kafka: { ...kafkaClientOptions(), clientId, topicPrefix } },
      release: async () => undefined,
    };
  const database = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'barrier_control_log');
  return {
    settings: { kind: 'embedded', eventLogUrl: new Secret(database.url), topicPrefix },
    release: () => database.drop(),
  };
}
