import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, type TokenVerifierOptions } from '@ecogate/auth';
import { type MessagingConfig, type ObjectStorageConfig, Secret, SecretUrl } from '@ecogate/config';
import { type PayloadOf } from '@ecogate/contracts';
import { createTemporaryDatabase } from '@ecogate/persistence';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { type LedgerServiceConfig } from '../start-ledger-service';

type Decision = PayloadOf<'gate.barrier.decided.v1'>;

const ref = (key: string) => ({
  bucket: 'ecogate-photos',
  key,
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 1024,
});

/** An allow decision at an entry lane of `ent-a`; tests override what they are about. */
export function aDecision(
  overrides: Partial<Decision> & { direction?: 'in' | 'out'; enterpriseId?: string } = {},
): Decision {
  const { direction = 'in', enterpriseId = 'ent-a', ...rest } = overrides;
  const decisionId = rest.decisionId ?? `d-${randomUUID()}`;
  const at = new Date().toISOString();
  return {
    decisionId,
    readId: `r-${decisionId}`.slice(0, 64),
    captureId: `c-${decisionId}`.slice(0, 64),
    lane: {
      enterpriseId,
      siteId: 'site-1',
      gateId: 'east-1',
      laneId: direction === 'in' ? 'lane-in' : 'lane-out',
      direction,
    },
    laneMode: 'auto',
    capturedAt: at,
    decidedAt: at,
    plate: { text: '冀B12345', colour: 'yellow' },
    alertLevel: 'none',
    verdict: 'allow',
    reasons: [],
    stage: { stage: 'VI', source: 'platform-query' },
    message: { zh: '放行', en: 'allowed' },
    images: { scene: ref(`scene/${decisionId}.jpg`), plate: ref(`plate/${decisionId}.jpg`) },
    ...rest,
  };
}

/** The deployment profiles of ADR 0008: Kafka and MinIO, or the embedded log and the filesystem. */
export type Profile = 'kafka' | 'embedded';
export const PROFILES: readonly Profile[] = ['kafka', 'embedded'];

/** The adapters' settings of one profile, as `ledgerConfig` would map them from the environment. */
export interface ProfileSettings {
  readonly messaging: MessagingConfig;
  readonly objectStorage: ObjectStorageConfig;
  /** Drops the embedded log's database and deletes the object directory (nothing to do on Kafka/MinIO). */
  release(): Promise<void>;
}

/** Kafka as admin over SASL_SSL (tests use random topic prefixes; the ACLs have their own test). */
export function kafkaMessaging(input: {
  brokers?: readonly string[];
  topicPrefix: string;
}): Extract<MessagingConfig, { kind: 'kafka' }> {
  const options = kafkaClientOptions(loadInfraEnv());
  return {
    kind: 'kafka',
    kafka: {
      ...options,
      brokers: [...(input.brokers ?? options.brokers)],
      clientId: 'ledger-it',
      topicPrefix: input.topicPrefix,
    },
  };
}

/** The local MinIO, as admin. */
export function minioStorage(): ObjectStorageConfig {
  const infra = loadInfraEnv();
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

/**
 * The settings of `profile` under `topicPrefix`: the local Kafka and MinIO, or the embedded event
 * log on a temporary database of the shared Postgres and the filesystem store in a temporary directory.
 */
export async function profileSettings(profile: Profile, topicPrefix: string): Promise<ProfileSettings> {
  if (profile === 'kafka')
    return {
      messaging: kafkaMessaging({ topicPrefix }),
      objectStorage: minioStorage(),
      release: async () => undefined,
    };
  const eventLog = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'ledger_it_events');
  const root = await mkdtemp(join(tmpdir(), 'ledger-it-objects-'));
  return {
    messaging: {
      kind: 'embedded',
      eventLogUrl: new SecretUrl(eventLog.url),
      topicPrefix,
      retentionHours: 168,
    },
    objectStorage: {
      kind: 'filesystem',
      root,
      signedLinks: {
        baseUrl: 'http://127.0.0.1:3000/objects',
        secret: new Secret(randomBytes(32).toString('base64url')),
      },
    },
    async release() {
      await eventLog.drop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Runs against the local services; documents go to a bucket of their own per test run. Kafka and
 * MinIO unless `profile` names other adapters.
 */
export function serviceConfig(input: {
  databaseUrl: string;
  brokers: readonly string[];
  topicPrefix: string;
  /** A `TestIssuer`'s: tokens are verified exactly as in production. */
  verifier: TokenVerifierOptions;
  profile?: Pick<ProfileSettings, 'messaging' | 'objectStorage'>;
}): LedgerServiceConfig {
  return {
    documents: {
      objectStorage: input.profile?.objectStorage ?? minioStorage(),
      bucket: `ledger-it-${randomUUID().slice(0, 8)}`,
      maxBytes: 64 * 1024,
      urlTtlSeconds: 60,
    },
    database: { url: new SecretUrl(input.databaseUrl) },
    messaging: input.profile?.messaging ?? kafkaMessaging(input),
    http: { host: '127.0.0.1', port: 0 },
    verifier: input.verifier,
    outbox: { pollIntervalMs: 50 },
    // As in production: decisions of several lanes recorded side by side.
    intake: {
      partitionsConsumedConcurrently: 3,
      // Wider than the default week behind, so a 150-day-late decision keeps its month; a camera
      // clock of 2000 is still far outside.
      clockDrift: { maxPastMs: 200 * 86_400_000, maxFutureMs: 300_000 },
    },
    retention: {
      floors: { videoDays: 180, ledgerDays: 365 },
      defaultLedgerDays: 365,
      partitionsAhead: 1,
      maintenanceIntervalMs: 0,
    },
    retry: { maxAttempts: 5, initialDelayMs: 50, maxDelayMs: 500 },
  };
}

/** Who a test calls as: a role, its enterprises and the subject audited. */
export type TestCaller = Partial<Principal> & Pick<Principal, 'role'>;

/** The one enterprise's staff, admin, …: a person limited to `enterpriseId`. */
export function memberOf(
  enterpriseId: string,
  role: 'enterprise-admin' | 'enterprise-staff',
  subject = `${role}-${enterpriseId}`,
): TestCaller {
  return { role, subject, enterprises: [enterpriseId] };
}
