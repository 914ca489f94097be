import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestIssuer, TokenVerifier, usePolicy } from '@ecogate/auth';
import { CodedErrorFilter } from '@ecogate/http-edge';
import { createLogger } from '@ecogate/telemetry';
import { type Response } from 'express';
import { type ExternalIdentity, SIGN_ON_ERROR_STATUS } from './external-identity';
import { OidcSignOn, TRANSACTION_COOKIE_NAME } from './oidc-sign-on';
import { OidcModule } from './oidc.module';
import { type SessionStarter, type SignOnAuditEntry } from './session-starter.port';
import { TestBrowser, TestOidcProvider } from './testing/test-provider';
import { freePort } from '@ecogate/testing';

// Sign-on against a real OpenID provider (oidc-provider in a child process), through the gateway's
// controller behind the real policy guard: the browser is driven with plain HTTP.
jest.setTimeout(60_000);

const ROLE_MAP = JSON.stringify([
  { claim: 'groups', value: 'ecogate-city-admins', role: 'city-admin' },
  { claim: 'groups', value: 'ecogate-inspectors', role: 'inspector', districtsClaim: 'districts' },
  {
    claim: 'groups',
    value: 'ecogate-enterprise-staff',
    role: 'enterprise-staff',
    enterpriseClaim: 'enterprise_id',
  },
]);
const account = (groups: string[], extra: Record<string, unknown> = {}) => ({
  password: 'correct horse',
  claims: { name: `${groups[0] ?? 'nobody'} person`, groups, ...extra },
});
const ACCOUNTS = {
  // In both admin and inspector groups: the map's order makes them city-admin.
  wang: { ...account(['ecogate-inspectors', 'ecogate-city-admins'], { districts: ['130102'] }) },
  li: account(['ecogate-inspectors'], {
    preferred_username: 'li.inspector',
    name: '李检查',
    districts: ['130102', '130104'],
  }),
  zhao: account(['ecogate-enterprise-staff'], { enterprise_id: 'ent-sjz-steel' }),
  qian: account(['ecogate-enterprise-staff'], { enterprise_id: 'ent-unregistered' }),
  sun: account(['canteen-staff']),
};

describe('OIDC sign-on against a real provider', () => {
  let provider: TestOidcProvider;
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;
  let callbackUri: string;
  const sessions: ExternalIdentity[] = [];
  const audit: SignOnAuditEntry[] = [];
  const starter: SessionStarter = {
    async start(identity: ExternalIdentity, res: Response) {
      sessions.push(identity);
      res.cookie('ecogate_session', `${identity.role}.${identity.username}`, { httpOnly: true, path: '/' });
    },
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    callbackUri = `${base}/auth/oidc/callback`;
    provider = await TestOidcProvider.start({
      redirectUri: callbackUri,
      accounts: ACCOUNTS,
    });
    const config = provider.gatewayConfig(ROLE_MAP);
    const signOn = new OidcSignOn(config, { enterpriseExists: async (id) => id === 'ent-sjz-steel' });
    const log = createLogger({ service: 'gateway-oidc-test', level: 'silent' });
    issuer = await TestIssuer.start();
    app = await NestFactory.create(
      OidcModule.register({
        signOn,
        sessions: starter,
        audit: { record: async (entry) => void audit.push(entry) },
      }),
      { logger: false, abortOnError: false },
    );
    usePolicy(app, 'gateway', new TokenVerifier(issuer.verifierOptions), log);
    app.useGlobalFilters(new CodedErrorFilter(log, SIGN_ON_ERROR_STATUS));
    await app.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
    await provider?.close();
  });
  beforeEach(() => {
    sessions.length = 0;
    audit.length = 0;
  });

  /** Login at the gateway, sign in at the provider; the callback URL the provider sent the browser to. */
  const toCallback = async (browser: TestBrowser, login: string, returnTo = '/console/lanes') => {
    const started = await browser.get(`${base}/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(started.status).toBe(302);
    const authorize = new URL(started.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/auth`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(browser.cookie(base, TRANSACTION_COOKIE_NAME)).toBeDefined();
    return {
      authorize,
      callback: (url = authorize.href) => browser.signInAtProvider(url, login, 'correct horse', callbackUri),
    };
  };
  const finish = async (browser: TestBrowser, callbackUrl: string) => {
    const response = await browser.get(callbackUrl);
    const text = await response.text();
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: response.headers.get('content-type')?.includes('json')
        ? (JSON.parse(text) as unknown)
        : undefined,
    };
  };

  it('signs in: provider login → callback → session for the mapped role, back where the person was', async () => {
    const browser = new TestBrowser();
    const { callback } = await toCallback(browser, 'li');
    const result = await finish(browser, await callback());
    expect(result).toMatchObject({ status: 303, location: '/console/lanes' });
    expect(sessions).toEqual([
      {
        issuer: provider.issuer,
        subject: 'li',
        username: 'li.inspector',
        displayName: '李检查',
        role: 'inspector',
        districts: ['130102', '130104'],
      },
    ]);
    expect(browser.cookie(base, 'ecogate_session')).toBe('inspector.li.inspector');
    expect(browser.cookie(base, TRANSACTION_COOKIE_NAME)).toBeUndefined();
    expect(audit).toEqual([
      expect.objectContaining({ outcome: 'signed-in', subject: 'li', role: 'inspector' }),
    ]);
  });

  it('takes the first matching rule of the map when several match', async () => {
    const browser = new TestBrowser();
    const result = await finish(browser, await (await toCallback(browser, 'wang')).callback());
    expect(result.status).toBe(303);
    expect(sessions).toEqual([
      expect.objectContaining({ subject: 'wang', role: 'city-admin', districts: [] }),
    ]);
  });

  it('gives an enterprise role its enterprise from the claim, and refuses an unregistered enterprise', async () => {
    const browser = new TestBrowser();
    expect((await finish(browser, await (await toCallback(browser, 'zhao')).callback())).status).toBe(303);
    expect(sessions).toEqual([
      expect.objectContaining({ role: 'enterprise-staff', enterpriseId: 'ent-sjz-steel' }),
    ]);

    const other = new TestBrowser();
    expect(await finish(other, await (await toCallback(other, 'qian')).callback())).toMatchObject({
      status: 403,
      body: { code: 'unknown-enterprise', reason: expect.stringContaining('ent-unregistered') },
    });
    expect(sessions).toHaveLength(1);
  });

  it('refuses an account whose claims map to no role, with the reason, and audits it', async () => {
    const browser = new TestBrowser();
    const result = await finish(browser, await (await toCallback(browser, 'sun')).callback());
    expect(result).toMatchObject({
      status: 403,
      body: { code: 'no-role', reason: expect.stringContaining('groups') },
    });
    expect(sessions).toEqual([]);
    expect(browser.cookie(base, 'ecogate_session')).toBeUndefined();
    expect(audit).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        code: 'no-role',
        issuer: provider.issuer,
        subject: 'sun',
      }),
    ]);
  });

  it('refuses a callback whose state was tampered with', async () => {
    const browser = new TestBrowser();
    const callback = new URL(await (await toCallback(browser, 'li')).callback());
    callback.searchParams.set('state', 'forged-state');
    expect(await finish(browser, callback.href)).toMatchObject({
      status: 400,
      body: { code: 'invalid-callback' },
    });
    expect(sessions).toEqual([]);
    expect(audit).toEqual([expect.objectContaining({ outcome: 'refused', code: 'invalid-callback' })]);
  });

  it('refuses a callback without its transaction cookie, or with an altered one (login CSRF)', async () => {
    const browser = new TestBrowser();
    const callback = await (await toCallback(browser, 'li')).callback();
    const sealed = browser.cookie(base, TRANSACTION_COOKIE_NAME)!;
    browser.setCookie(base, TRANSACTION_COOKIE_NAME, `${sealed.slice(0, -4)}AAAA`);
    expect(await finish(browser, callback)).toMatchObject({
      status: 400,
      body: { code: 'invalid-transaction' },
    });
    // Someone else's callback in a browser that never started a sign-on.
    const victim = new TestBrowser();
    expect(await finish(victim, callback)).toMatchObject({
      status: 400,
      body: { code: 'invalid-transaction' },
    });
    expect(sessions).toEqual([]);
  });

  it('refuses an ID token for another nonce (the authorization request was altered)', async () => {
    const browser = new TestBrowser();
    const { authorize, callback } = await toCallback(browser, 'li');
    authorize.searchParams.set('nonce', 'nonce-of-another-session');
    const result = await finish(browser, await callback(authorize.href));
    expect(result).toMatchObject({
      status: 400,
      body: { code: 'invalid-callback', reason: expect.stringContaining('claim nonce') },
    });
    expect(sessions).toEqual([]);
  });

  it('refuses an ID token issued for another audience', async () => {
    const browser = new TestBrowser();
    const callback = await (await toCallback(browser, 'wang')).callback();
    await provider.tamperNextIdToken({ aud: 'another-client' });
    const result = await finish(browser, callback);
    expect(result).toMatchObject({
      status: 400,
      body: { code: 'invalid-callback', reason: expect.stringContaining('claim aud') },
    });
    expect(sessions).toEqual([]);
  });

  it('refuses an ID token with another nonce from the provider itself', async () => {
    const browser = new TestBrowser();
    const callback = await (await toCallback(browser, 'wang')).callback();
    await provider.tamperNextIdToken({ nonce: 'replayed-nonce' });
    expect(await finish(browser, callback)).toMatchObject({
      status: 400,
      body: { code: 'invalid-callback' },
    });
  });

  it('refuses a returnTo that leaves the site', async () => {
    const browser = new TestBrowser();
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const response = await browser.get(`${base}/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect({ returnTo, status: response.status }).toEqual({ returnTo, status: 400 });
    }
  });
});

describe('OIDC sign-on switched off', () => {
  it('answers 404 sso-disabled on both routes', async () => {
    const log = createLogger({ service: 'gateway-oidc-test', level: 'silent' });
    const app = await NestFactory.create(
      OidcModule.register({
        signOn: undefined,
        sessions: { start: async () => undefined },
        audit: { record: async () => undefined },
      }),
      { logger: false, abortOnError: false },
    );
    app.useGlobalFilters(new CodedErrorFilter(log, SIGN_ON_ERROR_STATUS));
    await app.listen(0, '127.0.0.1');
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      for (const path of ['/auth/oidc/login', '/auth/oidc/callback?code=x&state=y']) {
        const response = await fetch(`${url}${path}`, { redirect: 'manual' });
        expect({ path, status: response.status, body: await response.json() }).toEqual({
          path,
          status: 404,
          body: { code: 'sso-disabled', reason: expect.any(String) },
        });
      }
    } finally {
      await app.close();
    }
  });
});
