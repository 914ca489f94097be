import { randomUUID } from 'node:crypto';
import { Secret, SecretUrl } from '@ecogate/config';
import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import { SAMPLE_ENTERPRISE_CODE } from '@ecogate/platform-protocol';
import { kafkaTestMessaging, type TestProfile } from '@ecogate/testing';
import { type UploadServiceConfig } from '../start-upload-service';

// Builders and settings shared by the integration test and the benchmark.

/** The Kafka client id of the service's tests. */
export const UPLOAD_IT_CLIENT = 'provincial-upload-it';

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

/**
 * Kafka and an object store that need not run (MinIO signs locally), unless `profile` (a
 * `testProfile` of `@ecogate/testing`) names other adapters.
 */
export function serviceConfig(input: {
  databaseUrl: string;
  brokers?: readonly string[];
  topicPrefix: string;
  platformUrl: string;
  secret?: string;
  requestTimeoutMs?: number;
  /** Object store the image links are signed for; signing is local, so it need not be running. */
  storage?: { endpoint: string; accessKey: string; secretKey: string };
  profile?: Pick<TestProfile, 'messaging' | 'objectStorage'>;
}): UploadServiceConfig {
  const storage = input.storage ?? {
    endpoint: 'http://127.0.0.1:9000',
    accessKey: 'upload-it',
    secretKey: 'upload-it-storage-secret',
  };
  return {
    database: { url: new SecretUrl(input.databaseUrl) },
    messaging:
      input.profile?.messaging ??
      kafkaTestMessaging({
        clientId: UPLOAD_IT_CLIENT,
        topicPrefix: input.topicPrefix,
        ...(input.brokers ? { brokers: input.brokers } : {}),
      }),
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
      objectStorage: input.profile?.objectStorage ?? {
        kind: 'minio',
        minio: { ...storage, secretKey: new Secret(storage.secretKey), region: 'us-east-1' },
      },
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
