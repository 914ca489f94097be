import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MessagingConfig, type ObjectStorageConfig, Secret, SecretUrl } from '@ecogate/config';
import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import { createTemporaryDatabase } from '@ecogate/persistence';
import { SAMPLE_ENTERPRISE_CODE } from '@ecogate/platform-protocol';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { type UploadServiceConfig } from '../start-upload-service';

// Builders and settings shared by the integration test and the benchmark.

export const TEST_APP = { appId: 'upload-it', secret: 'upload-it-secret' } as const;
export const ENTERPRISES = {
  'ent-a': SAMPLE_ENTERPRISE_CODE,
  'ent-b': '91130200699229617X002P',
} as const;

const sha = 'a'.repeat(64);
const ref = (key: string) => ({
  bucket: 'ecogate-photos',
  key,
  sha256: sha,
  contentType: 'image/jpeg',
  bytes: 1024,
});

/** A complete, valid passage; tests override what they are about. */
export function aPassage(overrides: Partial<LedgerPassageRecordedV1> = {}): LedgerPassageRecordedV1 {
  const passageId = overrides.passageId ?? `p-${randomUUID()}`;
  return {
    passageId,
    enterpriseId: 'ent-a',
    siteId: 'site-1',
    gateId: 'east-1',
    laneId: 'lane-1',
    direction: 'in',
    plate: { text: '冀B12345', colour: 'yellow' },
    vin: 'LFWSRXRJ8M1E00001',
    engineNo: 'CA6DM3-46E61',
    registrationDate: '2021-03-15',
    emissionStage: 'VI',
    fuel: 'diesel',
    capturedAt: new Date().toISOString(),
    photos: {
      vehicle: ref(`passages/${passageId}/vehicle.jpg`),
      plate: ref(`passages/${passageId}/plate.jpg`),
    },
    cargo: { name: '铁矿石', tonnes: 32.5 },
    fleet: '自有',
    documents: { drivingLicence: ref(`passages/${passageId}/dl.jpg`) },
    revision: 1,
    ...overrides,
  };
}

/** The deployment profiles of ADR 0008: Kafka and MinIO, or the embedded log and the filesystem. */
export type Profile = 'kafka' | 'embedded';
export const PROFILES: readonly Profile[] = ['kafka', 'embedded'];

/** The adapters' settings of one profile, as `uploadConfig` would map them from the environment. */
export interface ProfileSettings {
  readonly messaging: MessagingConfig;
  readonly objectStorage: ObjectStorageConfig;
  /** Drops the embedded log's database and deletes the object directory (nothing to do on Kafka/MinIO). */
  release(): Promise<void>;
}

/** Kafka as admin over SASL_SSL (tests use random topic prefixes; the ACLs have their own test). */
function kafkaMessaging(brokers: readonly string[] | undefined, topicPrefix: string): MessagingConfig {
  const options = kafkaClientOptions();
  return {
    kind: 'kafka',
    kafka: {
      ...options,
      brokers: [...(brokers ?? options.brokers)],
      clientId: 'provincial-upload-it',
      topicPrefix,
    },
  };
}

function minioStorage(storage: {
  endpoint: string;
  accessKey: string;
  secretKey: string;
}): ObjectStorageConfig {
  return {
    kind: 'minio',
    minio: { ...storage, secretKey: new Secret(storage.secretKey), region: 'us-east-1' },
  };
}

/**
 * The settings of `profile` under `topicPrefix`: the local Kafka and MinIO, or the embedded event
 * log on a temporary database of the shared Postgres and the filesystem store in a temporary directory.
 */
export async function profileSettings(profile: Profile, topicPrefix: string): Promise<ProfileSettings> {
  const infra = loadInfraEnv();
  if (profile === 'kafka')
    return {
      messaging: kafkaMessaging(undefined, topicPrefix),
      objectStorage: minioStorage({
        endpoint: infra.S3_ENDPOINT,
        accessKey: infra.S3_ACCESS_KEY,
        secretKey: infra.S3_SECRET_KEY,
      }),
      release: async () => undefined,
    };
  const eventLog = await createTemporaryDatabase(infra.DATABASE_URL, 'upload_it_events');
  const root = await mkdtemp(join(tmpdir(), 'upload-it-objects-'));
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

/** Kafka and an object store that need not run (MinIO signs locally), unless `profile` names other adapters. */
export function serviceConfig(input: {
  databaseUrl: string;
  brokers?: readonly string[];
  topicPrefix: string;
  platformUrl: string;
  secret?: string;
  requestTimeoutMs?: number;
  /** Object store the image links are signed for; signing is local, so it need not be running. */
  storage?: { endpoint: string; accessKey: string; secretKey: string };
  profile?: Pick<ProfileSettings, 'messaging' | 'objectStorage'>;
}): UploadServiceConfig {
  const storage = input.storage ?? {
    endpoint: 'http://127.0.0.1:9000',
    accessKey: 'upload-it',
    secretKey: 'upload-it-storage-secret',
  };
  return {
    database: { url: new SecretUrl(input.databaseUrl) },
    messaging: input.profile?.messaging ?? kafkaMessaging(input.brokers, input.topicPrefix),
    http: { host: '127.0.0.1', port: 0 },
    platform: {
      adapter: 'reference-http',
      url: input.platformUrl,
      appId: TEST_APP.appId,
      secret: new Secret(input.secret ?? TEST_APP.secret),
      signMethod: 'HMAC-SHA256',
      requestTimeoutMs: input.requestTimeoutMs ?? 1_500,
    },
    images: {
      objectStorage: input.profile?.objectStorage ?? minioStorage(storage),
      urlTtlSeconds: 24 * 3600,
    },
    delivery: {
      enterpriseCodes: new Map(Object.entries(ENTERPRISES)),
      batchSize: 100,
      heartbeatIntervalMs: 2_000,
      pollIntervalMs: 100,
      retry: { initialDelayMs: 100, maxDelayMs: 2_000, maxAttempts: 10_000 },
      concurrentEnterprises: 4,
    },
  };
}
