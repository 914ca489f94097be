import { ConfigError } from '@ecogate/config';
import { oidcConfigDefinition } from './oidc.config';

const complete = {
  GATEWAY_OIDC_ISSUER: 'https://idp.sjz.gov.cn/realms/city',
  GATEWAY_OIDC_CLIENT_ID: 'ecogate',
  GATEWAY_OIDC_CLIENT_SECRET: 'client-secret-value',
  GATEWAY_OIDC_REDIRECT_URI: 'https://ecogate.sjz.gov.cn/auth/oidc/callback',
  GATEWAY_OIDC_ROLE_MAP: '[{"claim":"groups","value":"admins","role":"city-admin"}]',
  GATEWAY_OIDC_TRANSACTION_KEY: 't'.repeat(32),
};
const problems = (env: Record<string, string>): string[] => {
  try {
    oidcConfigDefinition.load(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.message.split('\n') : [String(error)];
  }
};

describe('OIDC config', () => {
  it('is off without an issuer', () => {
    expect(oidcConfigDefinition.load({})).toBeUndefined();
  });

  it('reads a complete configuration, keeping the secret out of logs', () => {
    const config = oidcConfigDefinition.load(complete);
    expect(config).toMatchObject({ clientId: 'ecogate', scopes: ['openid', 'profile'], allowHttp: false });
    expect(JSON.stringify(config)).not.toContain('client-secret-value');
    expect(config?.clientSecret.reveal()).toBe('client-secret-value');
  });

  it('names what a half-configured SSO lacks or gets wrong', () => {
    const { GATEWAY_OIDC_CLIENT_SECRET: _s, ...noSecret } = complete;
    expect(problems(noSecret).join('\n')).toContain('GATEWAY_OIDC_CLIENT_SECRET');
    expect(problems({ ...complete, GATEWAY_OIDC_ROLE_MAP: '[{"claim":"g"}]' }).join('\n')).toContain(
      'GATEWAY_OIDC_ROLE_MAP',
    );
    expect(problems({ ...complete, GATEWAY_OIDC_TRANSACTION_KEY: 'short' }).join('\n')).toContain('32');
    expect(problems({ ...complete, GATEWAY_OIDC_ISSUER: 'http://idp.local' }).join('\n')).toContain('https');
  });
});
