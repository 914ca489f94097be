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
});
