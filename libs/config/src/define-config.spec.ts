import { inspect } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { defineConfig } from './define-config';
import { bool, hostPortList, port, secret } from './env-fields';
import { infrastructureConfig } from './infrastructure';

const validInfra = {
  DATABASE_URL: 'postgres://ecogate:pa55@127.0.0.1:15432/ecogate',
  KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19094',
  S3_ENDPOINT: 'http://127.0.0.1:19000',
  S3_ACCESS_KEY: 'access',
  S3_SECRET_KEY: 'very-secret',
};

describe('defineConfig', () => {
  const config = defineConfig(
    {
      HTTP_PORT: port(3000),
      FEATURE: bool(false),
      BROKERS: hostPortList(),
      TOKEN: secret(),
      NAME: z.string(),
    },
    (env) => ({
      http: { port: env.HTTP_PORT },
      feature: env.FEATURE,
      brokers: env.BROKERS,
      token: env.TOKEN,
      name: env.NAME,
    }),
  );

  it('maps a valid environment to the typed nested config, applying defaults', () => {
    const loaded = config.load({ BROKERS: 'a:1,b:2', TOKEN: 't', NAME: 'gate' });
    expect(loaded.http.port).toBe(3000);
    expect(loaded.feature).toBe(false);
    expect(loaded.brokers).toEqual(['a:1', 'b:2']);
    expect(loaded.token.reveal()).toBe('t');
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      config.load({ HTTP_PORT: '70000', FEATURE: 'yes', BROKERS: 'nohost', TOKEN: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['BROKERS', 'FEATURE', 'HTTP_PORT', 'NAME', 'TOKEN']);
    expect((error as ConfigError).message).toContain('NAME: is required');
  });

  it('never prints a secret', () => {
    const loaded = config.load({ BROKERS: 'a:1', TOKEN: 'hunter2', NAME: 'x' });
    expect(JSON.stringify(loaded)).not.toContain('hunter2');
    expect(inspect(loaded, { depth: 5 })).not.toContain('hunter2');
    expect(`${loaded.token}`).toBe('[secret]');
  });
});

describe('infrastructureConfig', () => {
  it('parses the shared infrastructure variables', () => {
    const loaded = infrastructureConfig.load(validInfra);
    expect(loaded.kafka.brokers).toEqual(['127.0.0.1:19092', '127.0.0.1:19094']);
    expect(loaded.database.url.reveal()).toBe(validInfra.DATABASE_URL);
    expect(loaded.observability.metrics.port).toBe(9464);
  });

  it('masks the database password when printed', () => {
    const loaded = infrastructureConfig.load(validInfra);
    expect(JSON.stringify(loaded)).not.toContain('pa55');
    expect(JSON.stringify(loaded)).not.toContain('very-secret');
    expect(String(loaded.database.url)).toBe('postgres://ecogate:***@127.0.0.1:15432/ecogate');
  });

  it.each([
    ['DATABASE_URL', 'mysql://x@y/z', 'must be a URL with protocol postgres or postgresql'],
    ['S3_ENDPOINT', 'ftp://x', 'must be a URL with protocol http or https'],
    ['KAFKA_BROKERS', ',', 'must be a comma-separated list of host:port'],
  ])('rejects %s=%s', (variable, value, reason) => {
    expect(() => infrastructureConfig.load({ ...validInfra, [variable]: value })).toThrow(
      `${variable}: ${reason}`,
    );
  });
});
