import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayConfig } from './gateway.config';

describe('gatewayConfig', () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'gateway-config-')), 'signing.pem');
  writeFileSync(
    keyFile,
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  const base = {
    DATABASE_URL: 'postgres://gateway:secret@db:5432/gateway',
    KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
    GATEWAY_SIGNING_KEY_FILE: keyFile,
  };

  it('publishes as the gateway on Kafka, with single sign-on off until an issuer is set', () => {
    const config = gatewayConfig.load(base);
    expect(config.kafka).toMatchObject({ brokers: ['kafka-1:9093', 'kafka-2:9093'], clientId: 'gateway' });
    expect(config.outbox).toEqual({ pollIntervalMs: 200 });
    expect(config.oidc).toBeUndefined();
  });

  it('refuses a half-configured single sign-on at boot', () => {
    expect(() => gatewayConfig.load({ ...base, GATEWAY_OIDC_ISSUER: 'https://idp.city.example' })).toThrow(
      /GATEWAY_OIDC_CLIENT_ID/,
    );
  });

  it('needs Kafka: the directory publishes its changes', () => {
    expect(() => gatewayConfig.load({ ...base, KAFKA_BROKERS: undefined })).toThrow(/KAFKA_BROKERS/);
  });
});
