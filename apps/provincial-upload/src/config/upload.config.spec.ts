import { ConfigError } from '@ecogate/config';
import { uploadConfig } from './upload.config';

const env = {
  DATABASE_URL: 'postgres://upload:pw@127.0.0.1:5432/upload',
  KAFKA_BROKERS: '127.0.0.1:9092',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_ACCESS_KEY: 'provincial-upload',
  S3_SECRET_KEY: 'not-a-real-secret',
  PLATFORM_URL: 'http://platform.example:8080',
  PLATFORM_APP_ID: 'ecogate-city-1',
  PLATFORM_SECRET: 'platform-secret',
  AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
};

describe('uploadConfig', () => {
  it('requires the JWKS URL the operator API verifies tokens with', () => {
    const { AUTH_JWKS_URL: _missing, ...withoutJwks } = env;
    const error = (() => {
      try {
        uploadConfig.load(withoutJwks);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['AUTH_JWKS_URL']);
  });

  it('maps the auth section; service keys are optional (no service calls this API)', () => {
    expect(uploadConfig.load(env).auth).toEqual({ jwksUrl: env.AUTH_JWKS_URL });
    expect(
      uploadConfig.load({ ...env, AUTH_SERVICE_KEYS_FILE: '/run/secrets/service-keys.json' }).auth,
    ).toEqual({ jwksUrl: env.AUTH_JWKS_URL, serviceKeysFile: '/run/secrets/service-keys.json' });
  });

  describe('deployment profile (ADR 0008)', () => {
    const {
      KAFKA_BROKERS: _brokers,
      S3_ENDPOINT: _endpoint,
      S3_ACCESS_KEY: _accessKey,
      S3_SECRET_KEY: _secretKey,
      ...neither
    } = env;
    const embedded = {
      ...neither,
      EVENT_LOG_DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/ecogate_events',
      ECOGATE_HOME: '/srv/ecogate',
      SIGNED_LINK_SECRET: 's'.repeat(32),
      SIGNED_LINK_BASE_URL: 'https://city.example/objects',
    };

    it('runs on Kafka and MinIO when brokers and an S3 endpoint are configured', () => {
      const config = uploadConfig.load(env);
      expect(config.messaging).toMatchObject({
        kind: 'kafka',
        kafka: { brokers: ['127.0.0.1:9092'], clientId: 'provincial-upload' },
      });
      expect(config.images.objectStorage).toMatchObject({
        kind: 'minio',
        minio: { endpoint: 'http://127.0.0.1:9000', accessKey: 'provincial-upload' },
      });
    });

    it('signs MinIO links for the endpoint the platform reaches when it differs', () => {
      const config = uploadConfig.load({ ...env, UPLOAD_IMAGE_PUBLIC_ENDPOINT: 'https://photos.example' });
      expect(config.images.objectStorage).toMatchObject({
        kind: 'minio',
        minio: { endpoint: 'https://photos.example', accessKey: 'provincial-upload' },
      });
    });

    it('runs on the embedded event log and the filesystem otherwise, naming what that needs', () => {
      expect(() => uploadConfig.load(neither)).toThrow(/EVENT_LOG_DATABASE_URL/);
      const config = uploadConfig.load(embedded);
      expect(config.messaging).toMatchObject({ kind: 'embedded', retentionHours: 168 });
      expect(config.images.objectStorage).toMatchObject({
        kind: 'filesystem',
        root: '/srv/ecogate/objects',
        signedLinks: { baseUrl: 'https://city.example/objects' },
      });
    });

    it('refuses a public S3 endpoint with filesystem storage: the links go to SIGNED_LINK_BASE_URL', () => {
      expect(() =>
        uploadConfig.load({ ...embedded, UPLOAD_IMAGE_PUBLIC_ENDPOINT: 'https://photos.example' }),
      ).toThrow(/UPLOAD_IMAGE_PUBLIC_ENDPOINT: applies to MinIO only/);
    });
  });
});
