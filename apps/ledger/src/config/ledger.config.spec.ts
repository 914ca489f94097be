import { ledgerConfig, ledgerJobConfig } from './ledger.config';

describe('authentication settings of the ledger', () => {
  const base = {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    KAFKA_BROKERS: '127.0.0.1:9092',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_ACCESS_KEY: 'access',
    S3_SECRET_KEY: 'very-secret',
  };

  it('cannot start without the gateway’s JWKS URL: no route is served without a verifier', () => {
    expect(() => ledgerConfig.load(base)).toThrow(/AUTH_JWKS_URL/);
  });

  it('reads the JWKS URL and the services’ keys file (barrier-control’s lookups)', () => {
    const { auth } = ledgerConfig.load({
      ...base,
      AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
      AUTH_SERVICE_KEYS_FILE: '/run/secrets/service-keys.json',
    });
    expect(auth).toEqual({
      jwksUrl: 'http://gateway-internal:8081/.well-known/jwks.json',
      serviceKeysFile: '/run/secrets/service-keys.json',
    });
  });

  it('the migrate and retention jobs serve nothing and need no auth settings', () => {
    expect(() => ledgerJobConfig.load({ DATABASE_URL: base.DATABASE_URL })).not.toThrow();
  });
});

describe('deployment profile of the ledger (ADR 0008)', () => {
  const auth = { AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json' };
  const database = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

  it('runs on Kafka and MinIO when brokers and an S3 endpoint are configured', () => {
    const config = ledgerConfig.load({
      ...database,
      ...auth,
      KAFKA_BROKERS: '127.0.0.1:9092',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY: 'access',
      S3_SECRET_KEY: 'very-secret',
    });
    expect(config.messaging).toMatchObject({
      kind: 'kafka',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'ledger' },
    });
    expect(config.documents).toMatchObject({
      objectStorage: { kind: 'minio', minio: { endpoint: 'http://127.0.0.1:9000' } },
      bucket: 'ecogate-documents',
    });
  });

  it('runs on the embedded event log and the filesystem otherwise, naming what that needs', () => {
    expect(() => ledgerConfig.load({ ...database, ...auth })).toThrow(/EVENT_LOG_DATABASE_URL/);
    const config = ledgerConfig.load({
      ...database,
      ...auth,
      EVENT_LOG_DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/ecogate_events',
      ECOGATE_HOME: '/srv/ecogate',
      SIGNED_LINK_SECRET: 's'.repeat(32),
    });
    expect(config.messaging).toMatchObject({ kind: 'embedded', retentionHours: 168 });
    expect(config.documents).toMatchObject({
      objectStorage: { kind: 'filesystem', root: '/srv/ecogate/objects' },
      bucket: 'ecogate-documents',
    });
  });
});
