import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  kafkaClientOptions,
  kafkaServiceEnv,
  loadServiceKey,
  parseEnvFile,
  parseKafkaPrincipals,
} from './infra-env';

const infra = {
  KAFKA_BROKERS: '127.0.0.1:2,127.0.0.1:3',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'admin',
  KAFKA_SASL_PASSWORD: 'pw',
  KAFKA_TLS_CA_FILE: '/x/ca.pem',
};

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines and ignores comments and blanks', () => {
    expect(
      parseEnvFile(
        '# local services\nDATABASE_URL=postgres://a:b@127.0.0.1:1/x\n\nKAFKA_BROKERS= 127.0.0.1:2 \nlower=x\n',
      ),
    ).toEqual({
      DATABASE_URL: 'postgres://a:b@127.0.0.1:1/x',
      KAFKA_BROKERS: '127.0.0.1:2',
    });
  });
});

describe('loadServiceKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-keys-'));
  const file = join(dir, 'service-keys.env');
  const saved = { ...process.env };

  beforeEach(() => {
    process.env['ECOGATE_SERVICE_KEYS_ENV'] = file;
    delete process.env['S3_ACCESS_KEY_VIDEO_ARCHIVE'];
    delete process.env['S3_SECRET_KEY_VIDEO_ARCHIVE'];
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads one service's key from the file infra:up writes; the environment wins", () => {
    writeFileSync(
      file,
      '# keys\nS3_ACCESS_KEY_LEDGER=ledger\nS3_SECRET_KEY_LEDGER=l-secret\n' +
        'S3_ACCESS_KEY_VIDEO_ARCHIVE=video-archive\nS3_SECRET_KEY_VIDEO_ARCHIVE=v-secret\n',
    );
    expect(loadServiceKey('video-archive')).toEqual({ accessKey: 'video-archive', secretKey: 'v-secret' });
    process.env['S3_SECRET_KEY_VIDEO_ARCHIVE'] = 'from-env';
    expect(loadServiceKey('video-archive').secretKey).toBe('from-env');
    expect(loadServiceKey('ledger')).toEqual({ accessKey: 'ledger', secretKey: 'l-secret' });
  });

  it('names the missing variable and the remedy', () => {
    writeFileSync(file, 'S3_ACCESS_KEY_LEDGER=ledger\n');
    expect(() => loadServiceKey('ledger')).toThrow(/S3_SECRET_KEY_LEDGER is not set.*npm run infra:up/);
  });
});

describe('kafka settings of the local broker', () => {
  it('connects createKafka over TLS with the local CA and SASL as admin, the password never printed', () => {
    const options = kafkaClientOptions(infra);
    expect(options.brokers).toEqual(['127.0.0.1:2', '127.0.0.1:3']);
    expect(options.tls).toEqual({ caFile: '/x/ca.pem' });
    expect(options.sasl.mechanism).toBe('scram-sha-512');
    expect(options.sasl.username).toBe('admin');
    expect(options.sasl.password.reveal()).toBe('pw');
    expect(JSON.stringify(options)).not.toContain('"pw"');
  });

  it('hands a service process the same settings as environment variables', () => {
    expect(kafkaServiceEnv(infra)).toEqual(infra);
  });

  it('reads the per-service principals, service name → password', () => {
    const principals = parseKafkaPrincipals(
      '# comment\nKAFKA_PASSWORD_CAMERA_INGEST=a1\nKAFKA_PASSWORD_LEDGER=b2\nOTHER=x\n',
    );
    expect(Object.keys(principals).sort()).toEqual(['camera-ingest', 'ledger']);
    expect(principals['camera-ingest']?.reveal()).toBe('a1');
  });
});
