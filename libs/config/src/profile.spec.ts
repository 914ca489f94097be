import { defineConfig } from './define-config';
import {
  messagingConfig,
  messagingEnv,
  objectStorageConfig,
  objectStorageEnv,
  objectStorageKind,
} from './profile';

const messaging = defineConfig(messagingEnv, (env) => messagingConfig(env, 'ledger'));
const storage = defineConfig(objectStorageEnv, objectStorageConfig);

describe('deployment profile by configuration', () => {
  it('chooses Kafka when brokers are configured, the embedded bus otherwise', () => {
    expect(messaging.load({ KAFKA_BROKERS: '127.0.0.1:9092' })).toMatchObject({
      kind: 'kafka',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'ledger', topicPrefix: '' },
    });
    const embedded = messaging.load({
      EVENT_LOG_DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/ecogate_events',
    });
    expect(embedded).toMatchObject({ kind: 'embedded', retentionHours: 168 });
    expect(embedded.kind === 'embedded' && embedded.eventLogUrl.toString()).not.toContain(':p@');
  });

  it('names the missing variable of the chosen profile', () => {
    expect(() => messaging.load({})).toThrow(/EVENT_LOG_DATABASE_URL: is required/);
    expect(() => messaging.load({ MESSAGING: 'kafka' })).toThrow(/KAFKA_BROKERS: is required/);
  });

  it('chooses MinIO when an S3 endpoint is configured, the filesystem under ECOGATE_HOME otherwise', () => {
    expect(
      storage.load({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's' }),
    ).toMatchObject({ kind: 'minio', minio: { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1' } });
    expect(storage.load({ SIGNED_LINK_SECRET: 'x'.repeat(32), ECOGATE_HOME: '/srv/ecogate/' })).toMatchObject(
      {
        kind: 'filesystem',
        root: '/srv/ecogate/objects',
        signedLinks: { baseUrl: 'http://127.0.0.1:3000/objects' },
      },
    );
    expect(() => storage.load({})).toThrow(/SIGNED_LINK_SECRET: is required/);
    expect(() => storage.load({ SIGNED_LINK_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => storage.load({ OBJECT_STORAGE: 'minio' })).toThrow(/S3_ENDPOINT: is required/);
  });

  it('tells the chosen storage without asking for its variables', () => {
    expect(objectStorageKind({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toBe('minio');
    expect(objectStorageKind({ OBJECT_STORAGE: 'minio' })).toBe('minio');
    expect(objectStorageKind({})).toBe('filesystem');
    expect(objectStorageKind({ S3_ENDPOINT: 'http://127.0.0.1:9000', OBJECT_STORAGE: 'filesystem' })).toBe(
      'filesystem',
    );
  });
});
