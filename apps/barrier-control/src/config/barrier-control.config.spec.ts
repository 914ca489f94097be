import { barrierControlConfig } from './barrier-control.config';

describe('DEVICE_ALLOWED_NETWORKS in barrier-control', () => {
  const load = (extra: Record<string, string> = {}) =>
    barrierControlConfig.load({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
      KAFKA_BROKERS: '127.0.0.1:9092',
      BARRIER_GATES_FILE: 'gates.json',
      AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
      ...extra,
    });

  it('defaults to loopback and the private ranges (libs/config’s list)', () => {
    const { deviceNetworks } = load();
    for (const ip of ['127.0.0.1', '10.0.0.7', '172.16.1.1', '192.168.1.64'])
      expect(deviceNetworks.allows(ip)).toBe(true);
    for (const ip of ['169.254.169.254', '8.8.8.8']) expect(deviceNetworks.allows(ip)).toBe(false);
  });

  it('takes the site’s list and refuses entries that are not IPs or CIDRs', () => {
    const { deviceNetworks } = load({ DEVICE_ALLOWED_NETWORKS: '127.0.0.1/32, 10.20.0.0/16' });
    expect(deviceNetworks.allows('127.0.0.1')).toBe(true);
    expect(deviceNetworks.allows('127.0.0.2')).toBe(false);
    expect(deviceNetworks.allows('10.20.3.4')).toBe(true);
    expect(deviceNetworks.allows('192.168.1.64')).toBe(false);
    expect(() => load({ DEVICE_ALLOWED_NETWORKS: 'barriers.plant' })).toThrow(/DEVICE_ALLOWED_NETWORKS/);
    expect(() => load({ DEVICE_ALLOWED_NETWORKS: ' , ' })).toThrow();
  });
});

describe('authentication settings of barrier-control', () => {
  const base = {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    KAFKA_BROKERS: '127.0.0.1:9092',
    BARRIER_GATES_FILE: 'gates.json',
  };

  it('cannot start without the gateway’s JWKS URL: no route is open without a verifier', () => {
    expect(() => barrierControlConfig.load(base)).toThrow(/AUTH_JWKS_URL/);
    expect(() => barrierControlConfig.load({ ...base, AUTH_JWKS_URL: 'file:///etc/jwks.json' })).toThrow(
      /AUTH_JWKS_URL/,
    );
  });

  it('reads the JWKS URL, the service keys file and its own signing key file', () => {
    const { auth } = barrierControlConfig.load({
      ...base,
      AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
      AUTH_SERVICE_KEYS_FILE: '/run/secrets/service-keys.json',
      SERVICE_SIGNING_KEY_FILE: '/run/secrets/barrier-control.pem',
    });
    expect(auth).toEqual({
      jwksUrl: 'http://gateway-internal:8081/.well-known/jwks.json',
      serviceKeysFile: '/run/secrets/service-keys.json',
      signingKeyFile: '/run/secrets/barrier-control.pem',
    });
  });
});

describe('the event bus of barrier-control, chosen by configuration (ADR 0008)', () => {
  const base = {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    BARRIER_GATES_FILE: 'gates.json',
    AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
  };

  it('is Kafka when KAFKA_BROKERS is set, with barrier-control as the client id', () => {
    const { messaging } = barrierControlConfig.load({
      ...base,
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: 'city-a.',
    });
    expect(messaging).toMatchObject({
      kind: 'kafka',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'barrier-control', topicPrefix: 'city-a.' },
    });
  });

  it('is the embedded log without KAFKA_BROKERS, and names EVENT_LOG_DATABASE_URL when it is missing', () => {
    const { messaging } = barrierControlConfig.load({
      ...base,
      EVENT_LOG_DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/ecogate_events',
    });
    expect(messaging).toMatchObject({ kind: 'embedded', retentionHours: 168 });
    expect(messaging.kind === 'embedded' && messaging.eventLogUrl.reveal()).toBe(
      'postgres://u:p@127.0.0.1:5433/ecogate_events',
    );
    expect(() => barrierControlConfig.load(base)).toThrow(/EVENT_LOG_DATABASE_URL/);
    expect(() => barrierControlConfig.load({ ...base, MESSAGING: 'kafka' })).toThrow(/KAFKA_BROKERS/);
  });
});
