import { inspect } from 'node:util';
import { ConfigError } from './config-error';
import { defineConfig } from './define-config';
import { kafkaConfig, kafkaEnv } from './infrastructure';

const kafka = defineConfig(kafkaEnv, (env) => kafkaConfig(env, 'ledger'));
const brokers = { KAFKA_BROKERS: '127.0.0.1:19092' };

describe('Kafka security settings (ADR 0006)', () => {
  it('connects with SCRAM-SHA-512 over TLS with the given CA; the password never prints', () => {
    const config = kafka.load({
      ...brokers,
      KAFKA_SASL_USERNAME: 'ledger',
      KAFKA_SASL_PASSWORD: 'pa55-word',
      KAFKA_TLS_CA_FILE: __filename,
    });
    expect(config.tls).toEqual({ caFile: __filename });
    expect(config.sasl?.mechanism).toBe('scram-sha-512');
    expect(config.sasl?.username).toBe('ledger');
    expect(config.sasl?.password.reveal()).toBe('pa55-word');
    expect(JSON.stringify(config)).not.toContain('pa55-word');
    expect(inspect(config, { depth: 5 })).not.toContain('pa55-word');
  });

  it('stays plaintext without authentication when nothing is set, and uses the system CAs with KAFKA_TLS', () => {
    const plain = kafka.load(brokers);
    expect(plain.tls).toBeUndefined();
    expect(plain.sasl).toBeUndefined();
    expect(kafka.load({ ...brokers, KAFKA_TLS: 'true' }).tls).toEqual({});
  });

  it.each([
    [{ KAFKA_SASL_USERNAME: 'ledger' }, 'KAFKA_SASL_PASSWORD'],
    [{ KAFKA_SASL_PASSWORD: 'x' }, 'KAFKA_SASL_USERNAME'],
    [{ KAFKA_TLS_CA_FILE: '/no/such/ca.pem' }, 'KAFKA_TLS_CA_FILE'],
    [
      { KAFKA_SASL_USERNAME: 'ledger', KAFKA_SASL_PASSWORD: 'x', KAFKA_SASL_MECHANISM: 'plain' },
      'KAFKA_SASL_MECHANISM',
    ],
  ])('refuses %j at boot, naming %s', (env, variable) => {
    expect(() => kafka.load({ ...brokers, ...env })).toThrow(ConfigError);
    expect(() => kafka.load({ ...brokers, ...env })).toThrow(variable);
  });
});
