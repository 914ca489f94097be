import { kafkaClientOptions, kafkaServiceEnv, parseEnvFile, parseKafkaPrincipals } from './infra-env';

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
