import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayConfig } from './gateway.config';

describe('gatewayConfig', () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'gateway-config-')), 'signing.pem');
  writeFileSync(
    keyFile,
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  /** The cluster profile: Kafka and MinIO. */
  const base = {
    DATABASE_URL: 'postgres://gateway:secret@db:5432/gateway',
    KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
    S3_ENDPOINT: 'https://minio.city.example',
    GATEWAY_SIGNING_KEY_FILE: keyFile,
  };
  /** The embedded profile: the Postgres event log and the filesystem object store. */
  const embedded = {
    DATABASE_URL: 'postgres://gateway:secret@127.0.0.1:5433/gateway',
    EVENT_LOG_DATABASE_URL: 'postgres://ecogate:secret@127.0.0.1:5433/ecogate_events',
    ECOGATE_HOME: '/srv/ecogate',
    SIGNED_LINK_SECRET: 'a-signed-link-secret-of-32-characters',
    GATEWAY_SIGNING_KEY_FILE: keyFile,
  };

  it('publishes as the gateway on Kafka, with single sign-on off until an issuer is set', () => {
    const config = gatewayConfig.load(base);
    expect(config.messaging).toMatchObject({
      kind: 'kafka',
      kafka: { brokers: ['kafka-1:9093', 'kafka-2:9093'], clientId: 'gateway' },
    });
    expect(config.outbox).toEqual({ pollIntervalMs: 200 });
    expect(config.oidc).toBeUndefined();
  });

  it('serves no objects when they live on MinIO, and needs no MinIO credentials for that', () => {
    expect(gatewayConfig.load(base).objectStorage).toEqual({ kind: 'minio' });
    expect(
      gatewayConfig.load({ ...base, S3_ENDPOINT: undefined, OBJECT_STORAGE: 'minio' }).objectStorage,
    ).toEqual({ kind: 'minio' });
  });

  it('runs embedded: the Postgres event log, and signed links to the objects under ECOGATE_HOME', () => {
    const config = gatewayConfig.load(embedded);
    expect(config.messaging).toMatchObject({ kind: 'embedded', topicPrefix: '' });
    expect(config.objectStorage).toMatchObject({
      kind: 'filesystem',
      root: '/srv/ecogate/objects',
      signedLinks: { baseUrl: 'http://127.0.0.1:3000/objects' },
    });
    expect(
      gatewayConfig.load({ ...embedded, SIGNED_LINK_BASE_URL: 'https://ecogate.city.example/objects' })
        .objectStorage,
    ).toMatchObject({ signedLinks: { baseUrl: 'https://ecogate.city.example/objects' } });
  });

  it('names the missing variable of the profile it runs in', () => {
    expect(() => gatewayConfig.load({ ...embedded, SIGNED_LINK_SECRET: undefined })).toThrow(
      /SIGNED_LINK_SECRET: is required/,
    );
    expect(() => gatewayConfig.load({ ...embedded, EVENT_LOG_DATABASE_URL: undefined })).toThrow(
      /EVENT_LOG_DATABASE_URL: is required/,
    );
    expect(() => gatewayConfig.load({ ...base, MESSAGING: 'kafka', KAFKA_BROKERS: undefined })).toThrow(
      /KAFKA_BROKERS: is required/,
    );
  });

  it('serves no console until CONSOLE_DIR names a folder; its image origins go to the CSP', () => {
    expect(gatewayConfig.load(base).console).toBeUndefined();
    const dist = join(mkdtempSync(join(tmpdir(), 'gateway-config-')), 'dist');
    mkdirSync(dist);
    expect(gatewayConfig.load({ ...base, CONSOLE_DIR: dist }).console).toEqual({
      dir: dist,
      imageOrigins: [],
    });
    expect(
      gatewayConfig.load({
        ...base,
        CONSOLE_DIR: dist,
        CONSOLE_IMG_SRC: 'https://minio.city.example:9000, http://127.0.0.1:19000',
      }).console?.imageOrigins,
    ).toEqual(['https://minio.city.example:9000', 'http://127.0.0.1:19000']);
    expect(() => gatewayConfig.load({ ...base, CONSOLE_DIR: join(dist, 'missing') })).toThrow(
      /CONSOLE_DIR: no such directory/,
    );
    expect(() => gatewayConfig.load({ ...base, CONSOLE_DIR: keyFile })).toThrow(/CONSOLE_DIR/);
    // An origin only: nothing that could close the directive and add another.
    for (const bad of [
      "https://minio.example/; script-src 'unsafe-inline'",
      'https://minio.example/',
      '*',
      'data:',
    ])
      expect(() => gatewayConfig.load({ ...base, CONSOLE_DIR: dist, CONSOLE_IMG_SRC: bad })).toThrow(
        /CONSOLE_IMG_SRC/,
      );
  });

  it('caps live streams per enterprise (50) and in all (2000), with a 15 s heartbeat and alert view reads', () => {
    expect(gatewayConfig.load(base).live).toEqual({
      maxStreamsPerEnterprise: 50,
      maxStreams: 2000,
      heartbeatMs: 15_000,
      alertViewIntervalMs: 15_000,
    });
    expect(
      gatewayConfig.load({
        ...base,
        GATEWAY_LIVE_MAX_STREAMS_PER_ENTERPRISE: '5',
        GATEWAY_LIVE_MAX_STREAMS: '100',
      }).live,
    ).toMatchObject({ maxStreamsPerEnterprise: 5, maxStreams: 100 });
  });

  it('refuses a half-configured single sign-on at boot', () => {
    expect(() => gatewayConfig.load({ ...base, GATEWAY_OIDC_ISSUER: 'https://idp.city.example' })).toThrow(
      /GATEWAY_OIDC_CLIENT_ID/,
    );
  });
});
