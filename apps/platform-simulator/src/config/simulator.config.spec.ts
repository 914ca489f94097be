import { ConfigError } from '@ecogate/config';
import { inspect } from 'node:util';
import { simulatorConfig } from './simulator.config';

describe('simulatorConfig', () => {
  it('parses apps (a secret may contain colons) and applies defaults', () => {
    const options = simulatorConfig.load({ SIM_APPS: 'gate-a:s3cret, gate-b:with:colons' });
    expect(Object.keys(options.apps)).toEqual(['gate-a', 'gate-b']);
    const secretOf = (appId: string) => {
      const secret = options.apps[appId];
      return typeof secret === 'string' ? secret : secret?.reveal();
    };
    expect(secretOf('gate-b')).toBe('with:colons');
    expect(options.signMethods).toEqual(['HMAC-SHA256', 'MD5', 'SM3']);
    expect(options.timestampWindowMs).toBe(300_000);
    expect(options.heartbeatIntervalMs).toBe(30_000);
  });

  it('never prints a secret', () => {
    const options = simulatorConfig.load({ SIM_APPS: 'gate-a:hunter2' });
    expect(JSON.stringify(options)).not.toContain('hunter2');
    expect(inspect(options, { depth: 5 })).not.toContain('hunter2');
  });

  it('names each bad variable, without echoing secrets', () => {
    let error: unknown;
    try {
      simulatorConfig.load({
        SIM_APPS: 'gate-a:hunter2,broken',
        SIM_SIGN_METHODS: 'SHA1',
        SIM_TCP_PORT: '70000',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual(['SIM_APPS', 'SIM_SIGN_METHODS', 'SIM_TCP_PORT']);
    expect((error as ConfigError).message).not.toContain('hunter2');
  });

  it('requires SIM_APPS', () => {
    expect(() => simulatorConfig.load({})).toThrow('SIM_APPS: is required');
  });
});
