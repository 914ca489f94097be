import { ConfigError } from '@ecogate/config';
import { plateRecognitionConfig } from './plate-recognition.config';

const auth = { AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json' };
const kafkaAndStorage = {
  ...auth,
  KAFKA_BROKERS: '127.0.0.1:9092',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_ACCESS_KEY: 'ecogate',
  S3_SECRET_KEY: 'not-a-real-secret',
};
const embedded = {
  ...auth,
  EVENT_LOG_DATABASE_URL: 'postgres://ecogate:not-a-real-password@127.0.0.1:5433/ecogate_events',
  ECOGATE_HOME: '/var/lib/ecogate',
  SIGNED_LINK_SECRET: 'not-a-real-signed-link-secret-of-32-chars',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    plateRecognitionConfig.load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('plateRecognitionConfig', () => {
  it('enables the snapshot path by default, and then names what its bus and object store lack', () => {
    // Neither KAFKA_BROKERS nor S3_ENDPOINT: the embedded profile, which needs its log and link secret.
    expect(configError(auth).problems.map((p) => p.variable)).toEqual([
      'EVENT_LOG_DATABASE_URL',
      'SIGNED_LINK_SECRET',
    ]);
    expect(
      configError({ ...auth, MESSAGING: 'kafka', OBJECT_STORAGE: 'minio' }).problems.map((p) => p.variable),
    ).toEqual(['KAFKA_BROKERS', 'S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY']);
  });

  it('maps the snapshot path on Kafka and MinIO (the cluster profile)', () => {
    const config = plateRecognitionConfig.load({ ...kafkaAndStorage, KAFKA_TOPIC_PREFIX: 'city-1.' });
    expect(config.snapshots).toMatchObject({
      messaging: {
        kind: 'kafka',
        kafka: { brokers: ['127.0.0.1:9092'], clientId: 'plate-recognition', topicPrefix: 'city-1.' },
      },
      groupId: 'plate-recognition',
      objectStorage: {
        kind: 'minio',
        minio: { endpoint: 'http://127.0.0.1:9000', accessKey: 'ecogate', region: 'us-east-1' },
      },
      maxImageBytes: 10 * 1024 * 1024,
    });
    expect(JSON.stringify(config)).not.toContain('not-a-real-secret');
  });

  it('maps the snapshot path on the embedded bus and the filesystem store (the embedded profile)', () => {
    const config = plateRecognitionConfig.load({ ...embedded, KAFKA_GROUP_ID: 'lpr-1' });
    expect(config.snapshots).toMatchObject({
      messaging: { kind: 'embedded', topicPrefix: '', retentionHours: 168 },
      groupId: 'lpr-1',
      objectStorage: { kind: 'filesystem', root: '/var/lib/ecogate/objects' },
    });
    const messaging = config.snapshots?.messaging;
    expect(messaging?.kind === 'embedded' && messaging.eventLogUrl.reveal()).toBe(
      embedded.EVENT_LOG_DATABASE_URL,
    );
    expect(JSON.stringify(config)).not.toMatch(/not-a-real/);
  });

  it('runs HTTP-only with SNAPSHOTS_ENABLED=false, needing no bus or store', () => {
    expect(plateRecognitionConfig.load({ ...auth, SNAPSHOTS_ENABLED: 'false' }).snapshots).toBeUndefined();
  });

  it('refuses the former KAFKA_ENABLED, naming its new name', () => {
    expect(configError({ ...kafkaAndStorage, KAFKA_ENABLED: 'false' }).problems).toEqual([
      { variable: 'KAFKA_ENABLED', reason: expect.stringContaining('SNAPSHOTS_ENABLED') },
    ]);
  });

  it("maps the ledger's known plates (LEDGER_URL, with plate recognition's own key) and the province prior", () => {
    const config = plateRecognitionConfig.load({
      ...auth,
      SNAPSHOTS_ENABLED: 'false',
      LEDGER_URL: 'http://ledger:8080',
      SERVICE_SIGNING_KEY_FILE: '/run/secrets/plate-recognition.pem',
      PLATE_PROVINCE_PRIOR: '冀',
    });
    expect(config.knownPlates).toEqual({
      ledgerUrl: 'http://ledger:8080',
      timeoutMs: 3_000,
      ttlMs: 300_000,
      waitMs: 200,
      retryMs: 30_000,
      maxSites: 2_000,
      maxPlates: 200_000,
    });
    expect(config.provincePrior).toBe('冀');
    const without = plateRecognitionConfig.load({ ...auth, SNAPSHOTS_ENABLED: 'false' });
    expect(without.knownPlates).toBeUndefined();
    expect(without.provincePrior).toBeUndefined();
  });

  it('refuses LEDGER_URL without a signing key, and a province prior that is no province', () => {
    expect(
      configError({ ...auth, SNAPSHOTS_ENABLED: 'false', LEDGER_URL: 'http://ledger:8080' }).problems,
    ).toEqual([{ variable: 'SERVICE_SIGNING_KEY_FILE', reason: expect.stringContaining('LEDGER_URL') }]);
    expect(
      configError({ ...auth, SNAPSHOTS_ENABLED: 'false', PLATE_PROVINCE_PRIOR: 'H' }).problems.map(
        (p) => p.variable,
      ),
    ).toEqual(['PLATE_PROVINCE_PRIOR']);
  });

  it('requires the JWKS URL that tokens are verified with, and maps the service keys', () => {
    expect(() => plateRecognitionConfig.load({ SNAPSHOTS_ENABLED: 'false' })).toThrow(/AUTH_JWKS_URL/);
    expect(
      plateRecognitionConfig.load({
        ...auth,
        SNAPSHOTS_ENABLED: 'false',
        AUTH_SERVICE_KEYS_FILE: '/run/secrets/service-keys.json',
      }).auth,
    ).toEqual({ jwksUrl: auth.AUTH_JWKS_URL, serviceKeysFile: '/run/secrets/service-keys.json' });
  });
});
