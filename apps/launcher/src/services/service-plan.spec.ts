import { type MachineSettings, type Service, SERVICES, serviceEnv } from './service-plan';

const machine: MachineSettings = {
  home: '/data/ecogate',
  ports: {
    gateway: 8080,
    cameraPush: 8082,
    internal: {
      gateway: 1,
      'gateway-internal': 2,
      ledger: 3,
      'barrier-control': 4,
      'plate-recognition': 5,
      'camera-ingest': 6,
      'camera-ingest-api': 7,
      'video-archive': 8,
      'provincial-upload': 9,
    },
    metrics: {
      gateway: 11,
      ledger: 13,
      'barrier-control': 14,
      'plate-recognition': 15,
      'camera-ingest': 16,
      'video-archive': 18,
      'provincial-upload': 19,
    },
  },
  databaseUrl: (database) => `postgres://ecogate:pw@127.0.0.1:5433/${database}`,
  secrets: {
    gatewaySigningKeyFile: '/s/gateway.pem',
    ledgerChainKeyFile: '/s/ledger-chain-key.pem',
    serviceKeysFile: '/s/service-keys.json',
    serviceKeyFile: (service) => `/s/${service}.pem`,
    signedLinkSecret: 'x'.repeat(43),
    deviceCredentialsKey: 'k',
  },
  files: { gates: '/data/ecogate/gates.json', cameras: '/data/ecogate/cameras.json' },
  platform: { url: 'http://127.0.0.1:9000', appId: 'ecogate-local', secret: 's', enterpriseCodes: '' },
  stageLookup: { url: 'http://127.0.0.1:8383', credentialsFile: '/s/stage-lookup-credentials.json' },
  logLevel: 'info',
  videoTools: true,
};

describe('serviceEnv: the embedded profile, chosen by configuration only', () => {
  it.each(SERVICES)('%s gets the event log and the filesystem store, no Kafka or S3 endpoint', (service) => {
    const env = serviceEnv(service, machine);
    expect(env).toMatchObject({
      MESSAGING: 'embedded',
      OBJECT_STORAGE: 'filesystem',
      EVENT_LOG_DATABASE_URL: 'postgres://ecogate:pw@127.0.0.1:5433/ecogate_events',
      SIGNED_LINK_BASE_URL: 'http://127.0.0.1:8080/objects',
      AUTH_JWKS_URL: 'http://127.0.0.1:2/.well-known/jwks.json',
      HTTP_HOST: '127.0.0.1',
    });
    expect(Object.keys(env).filter((name) => /^(KAFKA_|S3_)/.test(name))).toEqual([]);
  });

  it('gives every service its own database, and plate-recognition none', () => {
    const databases = SERVICES.map((s) => serviceEnv(s, machine)['DATABASE_URL']);
    expect(databases.filter(Boolean)).toHaveLength(new Set(databases.filter(Boolean)).size);
    expect(serviceEnv('plate-recognition', machine)['DATABASE_URL']).toBeUndefined();
  });

  it('puts the gateway on the public port and points it at every service', () => {
    const env = serviceEnv('gateway', machine);
    expect(env).toMatchObject({
      HTTP_PORT: '8080',
      INTERNAL_HTTP_PORT: '2',
      GATEWAY_UPSTREAM_LEDGER_URL: 'http://127.0.0.1:3',
      GATEWAY_UPSTREAM_CAMERA_INGEST_URL: 'http://127.0.0.1:7',
      GATEWAY_SECURE_COOKIES: 'false',
    });
  });

  it('gives each calling service its own signing key, and no other service one', () => {
    const signing = (service: Service) => serviceEnv(service, machine)['SERVICE_SIGNING_KEY_FILE'];
    expect(signing('camera-ingest')).toBe('/s/camera-ingest.pem');
    expect(signing('barrier-control')).toBe('/s/barrier-control.pem');
    expect(signing('video-archive')).toBe('/s/video-archive.pem');
    expect(signing('ledger')).toBe('/s/ledger.pem');
    expect(signing('plate-recognition')).toBe('/s/plate-recognition.pem');
    expect(signing('gateway')).toBeUndefined();
  });

  it("points plate recognition at the ledger for each site's known plates", () => {
    expect(serviceEnv('plate-recognition', machine)).toMatchObject({ LEDGER_URL: 'http://127.0.0.1:3' });
  });

  it('lets the video archive scan windows only where ffmpeg runs', () => {
    expect(serviceEnv('video-archive', machine)).toMatchObject({
      PLATE_RECOGNITION_URL: 'http://127.0.0.1:5',
    });
    expect(serviceEnv('video-archive', { ...machine, videoTools: false })).not.toHaveProperty(
      'PLATE_RECOGNITION_URL',
    );
  });

  it('points the ledger at the video archive for inspections', () => {
    expect(serviceEnv('ledger', machine)).toMatchObject({
      VIDEO_ARCHIVE_URL: 'http://127.0.0.1:8',
      LEDGER_CHAIN_SIGNING_KEY_FILE: '/s/ledger-chain-key.pem',
    });
  });

  it('lets cameras push to the camera port', () => {
    expect(serviceEnv('camera-ingest', machine)).toMatchObject({ HTTP_PORT: '8082', API_HTTP_PORT: '7' });
  });
});
