import { ServiceToken, TestIssuer } from '@ecogate/auth';
import { createLogger } from '@ecogate/telemetry';
import { randomBytes } from 'node:crypto';
import { cameraIngestConfig } from './camera-ingest.config';
import { NoBarrierDecision } from '../push/barrier-decision.port';
import { barrierDecisionOf } from '../push/barrier-decision/barrier-decision.factory';
import { HttpBarrierDecision } from '../push/barrier-decision/http-barrier-decision';

describe('barrier decision chosen by configuration', () => {
  const logger = createLogger({ service: 'factory-spec', level: 'fatal' });
  let token: ServiceToken;
  beforeAll(async () => {
    const issuer = await TestIssuer.start(['camera-ingest']);
    token = await ServiceToken.fromPem('camera-ingest', issuer.servicePem('camera-ingest'));
    await issuer.close();
  });
  const load = (extra: Record<string, string>) =>
    cameraIngestConfig.load({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
      KAFKA_BROKERS: '127.0.0.1:9092',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
      DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
      ...extra,
    });

  it('never opens without BARRIER_CONTROL_URL', async () => {
    const port = barrierDecisionOf(load({}), logger, undefined);
    expect(port).toBeInstanceOf(NoBarrierDecision);
  });

  it('asks barrier-control when BARRIER_CONTROL_URL is set, with the configured timeout', () => {
    const config = load({ BARRIER_CONTROL_URL: 'http://127.0.0.1:3002', BARRIER_DECISION_TIMEOUT_MS: '800' });
    expect(config.barrierControl).toEqual({ url: 'http://127.0.0.1:3002', timeoutMs: 800 });
    expect(barrierDecisionOf(config, logger, token)).toBeInstanceOf(HttpBarrierDecision);
    // barrier-control admits only camera-ingest's own token: without one it cannot be asked.
    expect(() => barrierDecisionOf(config, logger, undefined)).toThrow(/service token/);
  });

  it('serves the registry on its own listener, next to the push port by default', () => {
    expect(load({}).http.port).toBe(3000);
    expect(load({}).api).toEqual({ host: '127.0.0.1', port: 3001 });
    expect(load({ API_HTTP_PORT: '0', API_HTTP_HOST: '0.0.0.0' }).api).toEqual({ host: '0.0.0.0', port: 0 });
    expect(load({}).auth).toEqual({ jwksUrl: 'http://gateway-internal:8081/.well-known/jwks.json' });
  });

  it('keeps Dahua event streams attached by default, with the documented timings', () => {
    const stream = load({}).dahuaStream;
    expect({ ...stream, networks: stream.networks.entries }).toEqual({
      enabled: true,
      heartbeatSeconds: 10,
      connectTimeoutMs: 5_000,
      reconnectMinMs: 1_000,
      reconnectMaxMs: 60_000,
      offlineAfterFailures: 3,
      eventSettleMs: 1_000,
      deviceRefreshMs: 30_000,
      networks: load({}).deviceNetworks.entries,
    });
    const tuned = load({
      DAHUA_EVENT_STREAM_ENABLED: 'false',
      DAHUA_EVENT_STREAM_HEARTBEAT_S: '5',
      DAHUA_EVENT_STREAM_RECONNECT_MIN_MS: '200',
      DAHUA_EVENT_STREAM_RECONNECT_MAX_MS: '200',
      DEVICE_ALLOWED_NETWORKS: '10.20.0.0/16',
    }).dahuaStream;
    expect(tuned).toMatchObject({
      enabled: false,
      heartbeatSeconds: 5,
      reconnectMinMs: 200,
      reconnectMaxMs: 200,
    });
    expect(tuned.networks.entries).toEqual(['10.20.0.0/16']);
  });

  it('refuses a Dahua heartbeat that is no whole number of seconds, and a reconnect maximum below the minimum', () => {
    expect(() => load({ DAHUA_EVENT_STREAM_HEARTBEAT_S: '0.5' })).toThrow(/DAHUA_EVENT_STREAM_HEARTBEAT_S/);
    expect(() => load({ DAHUA_EVENT_STREAM_HEARTBEAT_S: '0' })).toThrow(/DAHUA_EVENT_STREAM_HEARTBEAT_S/);
    expect(() =>
      load({ DAHUA_EVENT_STREAM_RECONNECT_MIN_MS: '5000', DAHUA_EVENT_STREAM_RECONNECT_MAX_MS: '1000' }),
    ).toThrow(/DAHUA_EVENT_STREAM_RECONNECT_MAX_MS/);
  });

  it('parses TRUSTED_PROXIES and refuses entries that are not IPs or CIDRs', () => {
    expect(load({ TRUSTED_PROXIES: ' 10.9.0.0/16, ::1 ' }).push.trustedProxies).toEqual([
      '10.9.0.0/16',
      '::1',
    ]);
    expect(load({}).push.trustedProxies).toEqual([]);
    expect(() => load({ TRUSTED_PROXIES: 'proxy.local' })).toThrow();
    expect(() => load({ BARRIER_CONTROL_URL: 'ftp://x' })).toThrow();
  });

  it('keeps ONVIF discovery off unless switched on, on port 3702, inside the device networks', () => {
    const defaults = load({}).discovery;
    expect(defaults).toMatchObject({ enabled: false, port: 3702, timeoutMs: 2_000, probesPerSecond: 200 });
    expect(defaults.networks.entries).toEqual(load({}).deviceNetworks.entries);
    const on = load({
      ONVIF_DISCOVERY_ENABLED: 'true',
      ONVIF_DISCOVERY_PORT: '40702',
      DEVICE_ALLOWED_NETWORKS: '10.20.0.0/16',
    }).discovery;
    expect(on).toMatchObject({ enabled: true, port: 40702 });
    expect(on.networks.entries).toEqual(['10.20.0.0/16']);
    expect(() => load({ ONVIF_DISCOVERY_TIMEOUT_MS: '60000' })).toThrow();
    expect(() => load({ ONVIF_DISCOVERY_ENABLED: 'yes' })).toThrow();
  });
});

describe('camera-ingest profile chosen by configuration (ADR 0008)', () => {
  const base = {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    DEVICE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
  };
  const secret = 'a-signed-link-secret-of-32-chars!';

  it('is Kafka and MinIO when KAFKA_BROKERS and S3_ENDPOINT are set', () => {
    const config = cameraIngestConfig.load({
      ...base,
      KAFKA_BROKERS: '127.0.0.1:9092',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
    });
    expect(config.messaging).toMatchObject({
      kind: 'kafka',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'camera-ingest' },
    });
    expect(config.objectStorage).toMatchObject({
      kind: 'minio',
      minio: { endpoint: 'http://127.0.0.1:9000', accessKey: 'a' },
    });
    expect(config.push.bucket).toBe('ecogate-captures');
  });

  it('is the embedded log and files under $ECOGATE_HOME/objects otherwise, the bucket unchanged', () => {
    const config = cameraIngestConfig.load({
      ...base,
      EVENT_LOG_DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/ecogate_events',
      ECOGATE_HOME: '/var/lib/ecogate/',
      SIGNED_LINK_SECRET: secret,
      KAFKA_TOPIC_PREFIX: 'city-a.',
    });
    expect(config.messaging).toMatchObject({ kind: 'embedded', topicPrefix: 'city-a.' });
    expect(config.objectStorage).toMatchObject({ kind: 'filesystem', root: '/var/lib/ecogate/objects' });
    expect(config.push.bucket).toBe('ecogate-captures');
  });

  it('names the variable the chosen profile is missing', () => {
    expect(() => cameraIngestConfig.load({ ...base, SIGNED_LINK_SECRET: secret })).toThrow(
      /EVENT_LOG_DATABASE_URL/,
    );
    expect(() =>
      cameraIngestConfig.load({ ...base, EVENT_LOG_DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/e' }),
    ).toThrow(/SIGNED_LINK_SECRET/);
    expect(() =>
      cameraIngestConfig.load({ ...base, KAFKA_BROKERS: '127.0.0.1:9092', OBJECT_STORAGE: 'minio' }),
    ).toThrow(/S3_ENDPOINT/);
  });
});
