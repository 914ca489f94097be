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
