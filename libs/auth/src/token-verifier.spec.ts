import { TestIssuer } from './testing/test-issuer';
import { GATEWAY_ISSUER, SERVICE_ISSUER, SERVICES_AUDIENCE } from './principal';
import { TokenRejected, TokenVerifier } from './token-verifier';

const claims = { name: 'zhang', role: 'city-admin', ent: '*' };

describe('TokenVerifier', () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await TestIssuer.start(['barrier-control']);
    verifier = new TokenVerifier(issuer.verifierOptions);
  });
  afterAll(() => issuer.close());

  const token = (bearer: string) => bearer.replace(/^Bearer /, '');

  it('accepts a gateway token and reads the caller from it', async () => {
    const principal = await verifier.verify(
      token(
        await issuer.bearer({ role: 'enterprise-staff', subject: 'u-1', name: '李四', enterprises: ['E1'] }),
      ),
    );
    expect(principal).toEqual({
      subject: 'u-1',
      name: '李四',
      role: 'enterprise-staff',
      enterprises: ['E1'],
      districts: [],
      scopes: [],
    });
  });

  it('accepts a service token signed with the service key', async () => {
    const principal = await verifier.verify(token(await issuer.serviceBearer('barrier-control')));
    expect(principal).toMatchObject({ subject: 'barrier-control', role: 'service' });
  });

  it.each([
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(body())}.`],
    ['a key the gateway does not publish', async () => sign('untrusted', body())],
    ['an expired token', async () => sign('gateway', body({ exp: now() - 60, iat: now() - 360 }))],
    ['another audience', async () => sign('gateway', body({ aud: 'someone-else' }))],
    ['another issuer', async () => sign('gateway', body({ iss: 'evil' }))],
    ['a lifetime beyond the limit', async () => sign('gateway', body({ exp: now() + 86_400 }))],
    ['the service role from the gateway key', async () => sign('gateway', body({ role: 'service' }))],
    [
      'a person role from a service issuer',
      async () => sign('barrier-control', body({ iss: SERVICE_ISSUER })),
    ],
    ['garbage', async () => 'not.a.token'],
  ])('refuses %s', async (_name, make) => {
    await expect(verifier.verify(await make())).rejects.toBeInstanceOf(TokenRejected);
  });

  const sign = (key: 'gateway' | 'untrusted' | 'barrier-control', payload: Record<string, unknown>) =>
    issuer.forge(payload, { key });
});

function now(): number {
  return Math.floor(Date.now() / 1000);
}
function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: GATEWAY_ISSUER,
    aud: SERVICES_AUDIENCE,
    sub: 'u-1',
    iat: now(),
    exp: now() + 120,
    ...claims,
    ...overrides,
  };
}
function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
