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

describe('plateRecognitionConfig', () => {
  it('enables the Kafka path by default, and then requires Kafka and object storage', () => {
    const error = (() => {
      try {
        plateRecognitionConfig.load(auth);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
      'KAFKA_BROKERS',
      'S3_ENDPOINT',
      'S3_ACCESS_KEY',
      'S3_SECRET_KEY',
    ]);
  });

  it('maps the Kafka path', () => {
    const config = plateRecognitionConfig.load({ ...kafkaAndStorage, KAFKA_TOPIC_PREFIX: 'city-1.' });
    expect(config.snapshots).toMatchObject({
      kafka: {
        brokers: ['127.0.0.1:9092'],
        clientId: 'plate-recognition',
        topicPrefix: 'city-1.',
        groupId: 'plate-recognition',
      },
      storage: { endpoint: 'http://127.0.0.1:9000', accessKey: 'ecogate', region: 'us-east-1' },
      maxImageBytes: 10 * 1024 * 1024,
    });
    expect(JSON.stringify(config)).not.toContain('not-a-real-secret');
  });

  it('runs HTTP-only with KAFKA_ENABLED=false', () => {
    expect(plateRecognitionConfig.load({ ...auth, KAFKA_ENABLED: 'false' }).snapshots).toBeUndefined();
  });

  it('requires the JWKS URL that tokens are verified with, and maps the service keys', () => {
    expect(() => plateRecognitionConfig.load({ KAFKA_ENABLED: 'false' })).toThrow(/AUTH_JWKS_URL/);
    expect(
      plateRecognitionConfig.load({
        ...auth,
        KAFKA_ENABLED: 'false',
        AUTH_SERVICE_KEYS_FILE: '/run/secrets/service-keys.json',
      }).auth,
    ).toEqual({ jwksUrl: auth.AUTH_JWKS_URL, serviceKeysFile: '/run/secrets/service-keys.json' });
  });
});
